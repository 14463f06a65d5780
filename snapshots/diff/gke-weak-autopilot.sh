#!/usr/bin/env bash
# Remediation for the GKE findings of `ksec diff`. Review it before running it: every command
# changes a live cluster, and several recreate nodes. GKE runs one operation per cluster at a
# time, so the commands run one after another and the script stops at the first failure.
set -euo pipefail

# Values the cluster resource does not hold; the script stops here, before any change, if one is unset.
# AUTHORIZED_NETWORKS: comma-separated CIDRs that may reach the Kubernetes API (your admin and CI networks)
authorized_networks="${AUTHORIZED_NETWORKS:?set AUTHORIZED_NETWORKS: comma-separated CIDRs that may reach the Kubernetes API (your admin and CI networks)}"

# === GkeCluster/weak-autopilot (gke-weak-autopilot.json) ===
cluster=weak-autopilot
project=ksec-oracle
location=us-central1

# gke/anonymous-authentication-limited: Anonymous requests only on /healthz, /livez and /readyz; every other one is rejected.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --anonymous-authentication-config LIMITED

# gke/api-server-logging: Logging: SYSTEM, WORKLOAD, API_SERVER (the list replaces the current one and keeps what was on).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --logging SYSTEM,WORKLOAD,API_SERVER

# gke/kubelet-read-only-port-disabled: Close the kubelet read-only port on Autopilot nodes.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --no-autoprovisioning-enable-insecure-kubelet-readonly-port

# gke/master-authorized-networks: Authorized networks on; the cluster lists no CIDR to keep, so they come from $AUTHORIZED_NETWORKS. Google Cloud access off (otherwise every Compute Engine public IP, which anyone can rent, is let in). With public nodes gcloud's help says Compute Engine public IPs get in regardless: make the nodes private too (gke/private-nodes).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --enable-master-authorized-networks --master-authorized-networks "${authorized_networks}" --no-enable-google-cloud-access

# gke/private-nodes: Private nodes by default for the cluster (make sure the VPC has Cloud NAT for egress).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --enable-private-nodes

# gke/security-posture: Security posture: standard (a workload configuration audit; image scanning belongs to Artifact Analysis on the registry).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --security-posture standard

# Needs a new cluster: GkeCluster/weak-autopilot cannot be changed in place.
#   gke/node-service-account: Autopilot nodes take their service account only when the cluster is created.
# Create a replacement with these flags (and the settings fixed above), move the workloads, then
# delete this cluster:
#   gcloud container clusters create-auto weak-autopilot-hardened --project "$project" --location "$location" \
#     --service-account gke-nodes@PROJECT_ID.iam.gserviceaccount.com
