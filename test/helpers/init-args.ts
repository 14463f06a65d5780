// The smallest command lines `ksec init` accepts without a terminal, for the CLI and e2e tests.

/** kops (the default provider): a name, a state store, zones and the admin networks for the API. */
export const KOPS_INIT_ARGS: readonly string[] = [
  '--name',
  'dev.example.com',
  '--state',
  's3://example-kops-state',
  '--zones',
  'eu-west-1a,eu-west-1b,eu-west-1c',
  '--api-cidr',
  '203.0.113.0/24',
];

/** GKE: a cluster name, a project, a region and the authorized networks. */
export const GKE_INIT_ARGS: readonly string[] = [
  '--provider',
  'gke',
  '--name',
  'dev',
  '--project',
  'example-project',
  '--region',
  'europe-west1',
  '--api-cidr',
  '203.0.113.0/24',
];
