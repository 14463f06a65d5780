// GKE Cluster resources for tests, shaped like `gcloud container clusters describe --format=json`.
// `hardenedCluster` passes every gke/* rule; tests weaken it one setting at a time.

export type ClusterJson = Record<string, unknown>;

/** The gke/* rules that never fire on Autopilot, which enforces what they check. */
export const AUTOPILOT_ENFORCED = [
  'gke/vpc-native',
  'gke/network-policy',
  'gke/shielded-nodes',
  'gke/shielded-secure-boot',
  'gke/workload-identity',
  'gke/gke-metadata-server',
];

export function selfLink(project: string, location: string, name: string): string {
  return `https://container.googleapis.com/v1/projects/${project}/locations/${location}/clusters/${name}`;
}

function hardenedPool(name: string, project: string): ClusterJson {
  return {
    name,
    config: {
      imageType: 'COS_CONTAINERD',
      serviceAccount: `gke-nodes@${project}.iam.gserviceaccount.com`,
      shieldedInstanceConfig: { enableIntegrityMonitoring: true, enableSecureBoot: true },
      workloadMetadataConfig: { mode: 'GKE_METADATA' },
      kubeletConfig: { insecureKubeletReadonlyPortEnabled: false },
    },
    management: { autoRepair: true, autoUpgrade: true },
    networkConfig: { enablePrivateNodes: true },
  };
}

export function hardenedCluster(name: string, location: string, project = 'ksec-oracle'): ClusterJson {
  const authorizedNetworks = { enabled: true, cidrBlocks: [{ cidrBlock: '203.0.113.0/24' }] };
  return {
    name,
    location,
    selfLink: selfLink(project, location, name),
    status: 'RUNNING',
    currentMasterVersion: '1.37.1-gke.1000000',
    addonsConfig: { networkPolicyConfig: { disabled: true } },
    anonymousAuthenticationConfig: { mode: 'LIMITED' },
    autopilot: {},
    controlPlaneEndpointsConfig: { ipEndpointsConfig: { authorizedNetworksConfig: authorizedNetworks } },
    ipAllocationPolicy: { useIpAliases: true },
    legacyAbac: {},
    loggingConfig: { componentConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS', 'APISERVER'] } },
    masterAuth: { clientCertificateConfig: {}, clusterCaCertificate: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t' },
    masterAuthorizedNetworksConfig: authorizedNetworks,
    networkConfig: { datapathProvider: 'ADVANCED_DATAPATH', defaultEnablePrivateNodes: true },
    nodePools: [hardenedPool('default-pool', project)],
    releaseChannel: { channel: 'REGULAR' },
    securityPostureConfig: { mode: 'BASIC', vulnerabilityMode: 'VULNERABILITY_DISABLED' },
    shieldedNodes: { enabled: true },
    workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
  };
}

/** A Standard cluster that fails every gke/* rule, with two node pools. */
export function weakStandardCluster(name: string, location: string, project = 'ksec-oracle'): ClusterJson {
  const authorizedNetworks = {
    enabled: true,
    cidrBlocks: [{ cidrBlock: '10.0.0.0/8' }, { cidrBlock: '0.0.0.0/0' }, { cidrBlock: '198.51.100.0/24' }],
  };
  return {
    name,
    location,
    selfLink: selfLink(project, location, name),
    status: 'RUNNING',
    currentMasterVersion: '1.18.20-gke.900',
    addonsConfig: { networkPolicyConfig: { disabled: true } },
    anonymousAuthenticationConfig: { mode: 'ENABLED' },
    autopilot: {},
    controlPlaneEndpointsConfig: { ipEndpointsConfig: { authorizedNetworksConfig: authorizedNetworks } },
    ipAllocationPolicy: { useRoutes: true },
    legacyAbac: { enabled: true },
    loggingConfig: { componentConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'SCHEDULER'] } },
    masterAuth: {
      username: 'admin',
      password: 'not-a-real-password',
      clientCertificateConfig: { issueClientCertificate: true },
      clusterCaCertificate: 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t',
    },
    masterAuthorizedNetworksConfig: authorizedNetworks,
    networkConfig: { datapathProvider: 'LEGACY_DATAPATH' },
    nodePools: [
      {
        name: 'default-pool',
        config: {
          serviceAccount: 'default',
          shieldedInstanceConfig: { enableIntegrityMonitoring: true },
          workloadMetadataConfig: { mode: 'GCE_METADATA' },
          kubeletConfig: { insecureKubeletReadonlyPortEnabled: true },
        },
      },
      {
        name: 'batch',
        config: {
          serviceAccount: `batch@${project}.iam.gserviceaccount.com`,
          shieldedInstanceConfig: { enableIntegrityMonitoring: true, enableSecureBoot: true },
        },
        networkConfig: { enablePrivateNodes: false },
      },
    ],
    releaseChannel: {},
    securityPostureConfig: { mode: 'DISABLED' },
    shieldedNodes: {},
  };
}

/** An Autopilot cluster: only what Autopilot leaves to the user is weak. */
export function weakAutopilotCluster(name: string, location: string, project = 'ksec-oracle'): ClusterJson {
  return {
    name,
    location,
    selfLink: selfLink(project, location, name),
    status: 'RUNNING',
    autopilot: { enabled: true },
    autoscaling: { autoprovisioningNodePoolDefaults: { serviceAccount: 'default' } },
    controlPlaneEndpointsConfig: {
      ipEndpointsConfig: { authorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: true } },
    },
    ipAllocationPolicy: { useIpAliases: true },
    legacyAbac: {},
    loggingConfig: { componentConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'] } },
    masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: true },
    networkConfig: { datapathProvider: 'ADVANCED_DATAPATH' },
    nodePoolAutoConfig: {},
    nodePools: [{ name: 'default-pool', config: { serviceAccount: 'default' } }],
    releaseChannel: { channel: 'REGULAR' },
    shieldedNodes: { enabled: true },
    workloadIdentityConfig: { workloadPool: `${project}.svc.id.goog` },
  };
}
