#!/usr/bin/env bash
# Creates the cluster described in cluster.yaml; written by ksec init.
# Read it before you run it: `kops update cluster` creates real AWS resources that cost money.
# Needs kops and AWS credentials allowed to manage EC2, ELB, IAM, S3 and Route 53.
set -euo pipefail
cd "$(dirname "$0")"

# The state store keeps the cluster spec and its secrets: a private, versioned S3 bucket.
export KOPS_STATE_STORE=s3://example-kops-state
CLUSTER_NAME=dev.example.com

# Register the cluster and its instance groups from the spec (nothing is created in AWS yet).
kops create -f cluster.yaml

# The admin SSH key kops installs on every instance.
kops create sshpublickey --name "$CLUSTER_NAME" -i "$HOME"/.ssh/id_ed25519.pub

# The key that encrypts Secrets in etcd (encryptionConfig: true). It is generated here, stored
# in the state store, and the local copy is removed; never commit it.
umask 077
encryption_config="$(mktemp)"
trap 'rm -f "$encryption_config"' EXIT
cat >"$encryption_config" <<ENCRYPTION
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
- resources:
  - secrets
  providers:
  - secretbox:
      keys:
      - name: key1
        secret: $(head -c 32 /dev/urandom | base64)
  - identity: {}
ENCRYPTION
kops create secret encryptionconfig --name "$CLUSTER_NAME" -f "$encryption_config"

# Create the AWS resources and export an admin kubeconfig (valid for 18 hours).
kops update cluster --name "$CLUSTER_NAME" --yes --admin

# The API load balancer is internal: nothing outside the VPC reaches it, so this script does not wait
# for the cluster (from the internet `kops validate cluster` only times out). Check it from a machine
# inside the VPC, or joined to it by VPN, peering or Direct Connect, that has kops and read access to
# the state store:
#   export KOPS_STATE_STORE=s3://example-kops-state
#   kops export kubeconfig --name dev.example.com --admin
#   kops validate cluster --name dev.example.com --wait 15m

# Then check the spec kops stored against the baseline (with ksec installed: see its README, "Install"):
#   kops get all --name "$CLUSTER_NAME" -o yaml | ksec diff -
