#!/usr/bin/env bash
# Creates a hardened GKE Standard cluster; written by ksec init.
# Read it before you run it: it creates Google Cloud resources that cost money.
# Needs gcloud, logged in with permission to create GKE clusters in the project.
set -euo pipefail

PROJECT=ksec-oracle
LOCATION=europe-west1
CLUSTER_NAME=prod
# Your admin and CI networks, the authorized networks of the Kubernetes API (comma-separated IPv4 CIDRs).
AUTHORIZED_NETWORKS=203.0.113.0/24
# Must exist already, with only the role Google documents for node accounts,
# roles/container.defaultNodeServiceAccount (plus roles/artifactregistry.reader where nodes pull
# private images); never the Compute Engine default account (PROJECT_NUMBER-compute@developer...).
NODE_SERVICE_ACCOUNT=gke-nodes@ksec-oracle.iam.gserviceaccount.com
RELEASE_CHANNEL=regular
MACHINE_TYPE=e2-medium
# Nodes in each of the three zones GKE spreads a regional cluster over: 3 in all.
NUM_NODES=1

# Basic authentication (a static password) no longer exists on supported GKE versions: it was
# removed in GKE 1.19, so there is nothing to turn off and no flag for it here.

flags=(
  --project "$PROJECT"
  --location "$LOCATION"
  # The default node pool's size, stated rather than left to gcloud (whose default is 3 nodes per zone).
  --machine-type "$MACHINE_TYPE"
  --num-nodes "$NUM_NODES"
  # VPC-native: pods get VPC addresses that firewalls and flow logs see (private nodes need it).
  --enable-ip-alias
  # Authorized networks: besides them only the cluster's own VPC reaches the control plane (gcloud's
  # help for this flag), so a fresh API server flaw leaves time to patch before scanners arrive.
  --enable-master-authorized-networks
  --master-authorized-networks "$AUTHORIZED_NETWORKS"
  # Google Cloud access off: otherwise every Compute Engine public IP (anyone can rent one) gets in too.
  --no-enable-google-cloud-access
  # Nodes get internal addresses only; give the VPC Cloud NAT for egress to the internet.
  --enable-private-nodes
  # Dataplane V2 enforces NetworkPolicy itself (no separate network policy add-on).
  --enable-dataplane-v2
  # No client certificate: a long-lived credential that cannot be revoked; users go through Google identity.
  --no-issue-client-certificate
  # RBAC alone decides access; legacy ABAC would grant broad static permissions next to it.
  --no-enable-legacy-authorization
  # Shielded nodes prove their identity to the control plane, so stolen bootstrap credentials cannot impersonate one.
  --enable-shielded-nodes
  # Secure Boot refuses unsigned boot components; integrity monitoring reports boot drift (gcloud needs both).
  --shielded-secure-boot
  --shielded-integrity-monitoring
  # Workload Identity: each Kubernetes service account gets its own Google identity.
  --workload-pool "$PROJECT.svc.id.goog"
  # Pods talk to the GKE metadata server, which hides the node credentials.
  --workload-metadata GKE_METADATA
  # Nodes run as the dedicated account, not the project-wide default one.
  --service-account "$NODE_SERVICE_ACCOUNT"
  # GKE applies security patches on the channel's schedule.
  --release-channel "$RELEASE_CHANNEL"
  # Nodes follow the control plane's patches and are repaired when unhealthy.
  --enable-autoupgrade
  --enable-autorepair
  # The kubelet read-only port 10255 serves pod details without authentication.
  --no-enable-insecure-kubelet-readonly-port
  # System, workload and API server logs, there before an incident rather than after.
  --logging SYSTEM,WORKLOAD,API_SERVER
  --monitoring SYSTEM
  # Security posture audits the running workloads' configuration (privileged pods, host namespaces,
  # root users). It scans no images: GKE retired workload vulnerability scanning (the standard tier)
  # on 2025-07-31. Scan images where they are stored instead: Artifact Analysis scans the images in
  # Artifact Registry once the Container Scanning API is on in their project
  # (gcloud services enable containerscanning.googleapis.com).
  --security-posture standard
  # Anonymous requests reach only the health endpoints (/healthz, /livez, /readyz), so an RBAC
  # binding to system:anonymous or system:unauthenticated cannot open anything else to the internet.
  --anonymous-authentication-config LIMITED
  # Refuse RBAC bindings that grant rights to every (even unauthenticated) caller.
  --no-enable-insecure-binding-system-authenticated
  --no-enable-insecure-binding-system-unauthenticated
)

gcloud container clusters create "$CLUSTER_NAME" "${flags[@]}"

# Then check what GKE made of it against the baseline (with ksec installed: see its README, "Install"):
#   gcloud container clusters describe "$CLUSTER_NAME" --project "$PROJECT" --location "$LOCATION" --format json | ksec diff -
