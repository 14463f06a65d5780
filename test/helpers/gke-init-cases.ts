// Answer sets for `ksec init --provider gke`, shared by the snapshot tests and the gcloud oracle.

export const GKE_REQUIRED = {
  provider: 'gke',
  name: 'prod',
  project: 'ksec-oracle',
  apiCidrs: ['203.0.113.0/24'],
};

/** Hardened answer combinations: each must produce a cluster `ksec diff` finds nothing in. */
export const GKE_INIT_CASES: Record<string, Record<string, unknown>> = {
  // Every default: regional Standard, Dataplane V2, private nodes (Private Service Connect), regular.
  'gke-standard-regional': { region: 'europe-west1' },
  // Zonal, Calico, a VPC-peering private cluster with its /28, stable, Secrets under a KMS key.
  'gke-standard-zonal-calico-kms': {
    zone: 'us-central1-a',
    networkPolicy: 'calico',
    masterIpv4Cidr: '172.16.0.32/28',
    releaseChannel: 'stable',
    apiCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
    nodeServiceAccount: 'cluster-nodes@ksec-oracle.iam.gserviceaccount.com',
    databaseEncryptionKey: 'projects/ksec-oracle/locations/us-central1/keyRings/gke/cryptoKeys/etcd',
  },
  // Autopilot: only the flags create-auto accepts.
  'gke-autopilot': {
    autopilot: true,
    region: 'us-east1',
    releaseChannel: 'rapid',
    databaseEncryptionKey: 'projects/ksec-oracle/locations/us-east1/keyRings/gke/cryptoKeys/etcd',
  },
};
