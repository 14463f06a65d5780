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

# Wait until the control plane and every node are ready.
kops validate cluster --name "$CLUSTER_NAME" --wait 15m

# Then check the spec kops stored against the baseline (with ksec installed: see its README, "Install"):
#   kops get all --name "$CLUSTER_NAME" -o yaml | ksec diff -
