#!/usr/bin/env bash
# Remediation for the GKE findings of `ksec diff`. Review it before running it: every command
# changes a live cluster, and several recreate nodes. GKE runs one operation per cluster at a
# time, so the commands run one after another and the script stops at the first failure.
set -euo pipefail

# === GkeCluster/weak-standard (gke-weak-standard.json) ===
cluster=weak-standard
project=ksec-oracle
location=europe-west1

# gke/anonymous-authentication-limited: Anonymous requests only on /healthz, /livez and /readyz; every other one is rejected.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --anonymous-authentication-config LIMITED

# gke/api-server-logging: Logging: SYSTEM, WORKLOAD, API_SERVER, SCHEDULER (the list replaces the current one and keeps what was on).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --logging SYSTEM,WORKLOAD,API_SERVER,SCHEDULER

# gke/basic-auth-disabled: Remove the basic-auth user. Basic auth was removed in GKE 1.19, so this cluster also needs an upgrade.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --no-enable-basic-auth

# gke/kubelet-read-only-port-disabled: Close the kubelet read-only port by default, for new node pools.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --no-enable-insecure-kubelet-readonly-port

# gke/kubelet-read-only-port-disabled: Node pool default-pool: close the kubelet read-only port.
gcloud container node-pools update default-pool --cluster "$cluster" --project "$project" --location "$location" \
  --no-enable-insecure-kubelet-readonly-port

# gke/kubelet-read-only-port-disabled: Node pool batch: close the kubelet read-only port.
gcloud container node-pools update batch --cluster "$cluster" --project "$project" --location "$location" \
  --no-enable-insecure-kubelet-readonly-port

# gke/legacy-abac-disabled: Turn legacy ABAC off.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --no-enable-legacy-authorization

# gke/master-authorized-networks: Authorized networks on, with the full list (gcloud replaces it): 10.0.0.0/8, 198.51.100.0/24. World-open entries dropped. Google Cloud access off (otherwise every Compute Engine public IP, which anyone can rent, is let in). With public nodes gcloud's help says Compute Engine public IPs get in regardless: make the nodes private too (gke/private-nodes).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --enable-master-authorized-networks --master-authorized-networks 10.0.0.0/8,198.51.100.0/24 --no-enable-google-cloud-access

# gke/network-policy: Network policy, step 1: the control-plane add-on must be on before enforcement.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --update-addons NetworkPolicy=ENABLED

# gke/network-policy: Network policy, step 2: enforce it on the nodes (Calico; GKE recreates the node pools).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --enable-network-policy

# gke/private-nodes: Private nodes by default for the cluster (make sure the VPC has Cloud NAT for egress).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --enable-private-nodes

# gke/private-nodes: Node pool default-pool: private nodes.
gcloud container node-pools update default-pool --cluster "$cluster" --project "$project" --location "$location" \
  --enable-private-nodes

# gke/private-nodes: Node pool batch: private nodes.
gcloud container node-pools update batch --cluster "$cluster" --project "$project" --location "$location" \
  --enable-private-nodes

# gke/release-channel: Enroll in the REGULAR release channel.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --release-channel regular

# gke/security-posture: Security posture: standard (a workload configuration audit; image scanning belongs to Artifact Analysis on the registry).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --security-posture standard

# gke/shielded-nodes: Shielded nodes on (GKE recreates the nodes).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --enable-shielded-nodes

# gke/workload-identity: Workload Identity on; the pool is named after the project ID (not the project number).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --workload-pool "${project}.svc.id.goog"

# gke/gke-metadata-server: Node pool default-pool: serve the GKE metadata server (recreates its nodes).
gcloud container node-pools update default-pool --cluster "$cluster" --project "$project" --location "$location" \
  --workload-metadata GKE_METADATA

# gke/gke-metadata-server: Node pool batch: serve the GKE metadata server (recreates its nodes).
gcloud container node-pools update batch --cluster "$cluster" --project "$project" --location "$location" \
  --workload-metadata GKE_METADATA

# Needs a new node pool: default-pool cannot be changed in place.
#   gke/node-service-account: node pool default-pool cannot change its service account in place.
#   gke/shielded-secure-boot: node pool default-pool cannot get Secure Boot and integrity monitoring in place.
# Create a replacement (same machine type, size and autoscaling as the old pool; the flags below
# include the settings fixed above), drain the old nodes so the workloads move, then delete default-pool:
#   gcloud container node-pools create default-pool-hardened --cluster "$cluster" --project "$project" --location "$location" \
#     --service-account gke-nodes@PROJECT_ID.iam.gserviceaccount.com --shielded-secure-boot --shielded-integrity-monitoring --no-enable-insecure-kubelet-readonly-port --enable-private-nodes --workload-metadata GKE_METADATA
#   gcloud container node-pools delete default-pool --cluster "$cluster" --project "$project" --location "$location"

# Needs a new cluster: GkeCluster/weak-standard cannot be changed in place.
#   gke/client-certificate-disabled: an issued client certificate cannot be withdrawn in place.
#   gke/vpc-native: a routes-based cluster cannot become VPC-native in place.
# Create a replacement with these flags (and the settings fixed above), move the workloads, then
# delete this cluster:
#   gcloud container clusters create weak-standard-hardened --project "$project" --location "$location" \
#     --no-issue-client-certificate --enable-ip-alias
