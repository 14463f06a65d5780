#!/usr/bin/env bash
# Creates the cluster described in cluster.yaml; written by ksec init.
# Read it before you run it: `kops update cluster` creates real AWS resources that cost money.
# Needs kops and AWS credentials allowed to manage EC2, ELB, IAM, S3 and Route 53.
set -euo pipefail
cd "$(dirname "$0")"

# The state store keeps the cluster spec and its secrets: a private, versioned S3 bucket.
export KOPS_STATE_STORE=s3://example-org-kops/clusters
CLUSTER_NAME=lab.example.org

# Register the cluster and its instance groups from the spec (nothing is created in AWS yet).
kops create -f cluster.yaml

# The admin SSH key kops installs on every instance.
kops create sshpublickey --name "$CLUSTER_NAME" -i "$HOME"/'.ssh/admin key.pub'

# Create the AWS resources and export an admin kubeconfig (valid for 18 hours).
kops update cluster --name "$CLUSTER_NAME" --yes --admin

# Wait until the control plane and every node are ready.
kops validate cluster --name "$CLUSTER_NAME" --wait 15m

# Then check the spec kops stored against the baseline (with ksec installed: see its README, "Install"):
#   kops get all --name "$CLUSTER_NAME" -o yaml | ksec diff -
