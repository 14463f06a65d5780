#!/usr/bin/env bash
# Remediation for the GKE findings of `ksec diff`. Review it before running it: every command
# changes a live cluster, and several recreate nodes. GKE runs one operation per cluster at a
# time, so the commands run one after another and the script stops at the first failure.
set -euo pipefail

# Values the cluster resource does not hold; the script stops here, before any change, if one is unset.
# AUTHORIZED_NETWORKS: comma-separated CIDRs that may reach the Kubernetes API (your admin and CI networks)
authorized_networks="${AUTHORIZED_NETWORKS:?set AUTHORIZED_NETWORKS: comma-separated CIDRs that may reach the Kubernetes API (your admin and CI networks)}"

# === GkeCluster/demo (examples/gke-cluster.yaml) ===
cluster=demo
project=demo-project
location=europe-west1

# gke/anonymous-authentication-limited: Anonymous requests only on /healthz, /livez and /readyz; every other one is rejected.
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --anonymous-authentication-config LIMITED

# gke/api-server-logging: Logging: SYSTEM, WORKLOAD, API_SERVER (the list replaces the current one and keeps what was on).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --logging SYSTEM,WORKLOAD,API_SERVER

# gke/master-authorized-networks: Authorized networks on; the cluster lists no CIDR to keep, so they come from $AUTHORIZED_NETWORKS. Google Cloud access off (otherwise every Compute Engine public IP, which anyone can rent, is let in). With public nodes gcloud's help says Compute Engine public IPs get in regardless: make the nodes private too (gke/private-nodes).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --enable-master-authorized-networks --master-authorized-networks "${authorized_networks}" --no-enable-google-cloud-access

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

# gke/workload-identity: Workload Identity on; the pool is named after the project ID (not the project number).
gcloud container clusters update "$cluster" --project "$project" --location "$location" \
  --workload-pool "${project}.svc.id.goog"

# gke/gke-metadata-server: Node pool default-pool: serve the GKE metadata server (recreates its nodes).
gcloud container node-pools update default-pool --cluster "$cluster" --project "$project" --location "$location" \
  --workload-metadata GKE_METADATA

# Needs a new node pool: default-pool cannot be changed in place.
#   gke/node-service-account: node pool default-pool cannot change its service account in place.
#   gke/shielded-secure-boot: node pool default-pool cannot get Secure Boot and integrity monitoring in place.
# Create a replacement (same machine type, size and autoscaling as the old pool; the flags below
# include the settings fixed above), drain the old nodes so the workloads move, then delete default-pool:
#   gcloud container node-pools create default-pool-hardened --cluster "$cluster" --project "$project" --location "$location" \
#     --service-account gke-nodes@PROJECT_ID.iam.gserviceaccount.com --shielded-secure-boot --shielded-integrity-monitoring --enable-private-nodes --workload-metadata GKE_METADATA
#   gcloud container node-pools delete default-pool --cluster "$cluster" --project "$project" --location "$location"
