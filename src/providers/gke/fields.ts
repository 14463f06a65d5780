import { isObject } from '../../util/object.ts';

/** How a field of the GKE `Cluster` message is written in its JSON (and YAML) form. */
type FieldShape = 'message' | 'string' | 'boolean' | 'integer' | 'messages' | 'strings';

/**
 * Every field of the `Cluster` message of container.googleapis.com v1 and its JSON shape, as the
 * API client in gcloud 528 defines it (lib/googlecloudsdk/generated_clients/apis/container/v1/
 * container_v1_messages.py, `class Cluster`). Enums print as their names; int64 values may print as
 * strings. A document that uses one of these names with another shape is not a Cluster resource.
 */
const CLUSTER_FIELDS: Readonly<Record<string, FieldShape>> = {
  addonsConfig: 'message',
  alphaClusterFeatureGates: 'strings',
  anonymousAuthenticationConfig: 'message',
  authenticatorGroupsConfig: 'message',
  autopilot: 'message',
  autoscaling: 'message',
  binaryAuthorization: 'message',
  clusterIpv4Cidr: 'string',
  compliancePostureConfig: 'message',
  concurrentOpsConfig: 'message',
  conditions: 'messages',
  confidentialNodes: 'message',
  controlPlaneEndpointsConfig: 'message',
  costManagementConfig: 'message',
  createTime: 'string',
  currentMasterVersion: 'string',
  currentNodeCount: 'integer',
  currentNodeVersion: 'string',
  databaseEncryption: 'message',
  defaultMaxPodsConstraint: 'message',
  description: 'string',
  enableK8sBetaApis: 'message',
  enableKubernetesAlpha: 'boolean',
  enableTpu: 'boolean',
  endpoint: 'string',
  enterpriseConfig: 'message',
  etag: 'string',
  expireTime: 'string',
  fleet: 'message',
  gkeAutoUpgradeConfig: 'message',
  id: 'string',
  identityServiceConfig: 'message',
  initialClusterVersion: 'string',
  initialNodeCount: 'integer',
  instanceGroupUrls: 'strings',
  ipAllocationPolicy: 'message',
  labelFingerprint: 'string',
  legacyAbac: 'message',
  location: 'string',
  locations: 'strings',
  loggingConfig: 'message',
  loggingService: 'string',
  maintenancePolicy: 'message',
  managedConfig: 'message',
  masterAuth: 'message',
  masterAuthorizedNetworksConfig: 'message',
  meshCertificates: 'message',
  monitoringConfig: 'message',
  monitoringService: 'string',
  name: 'string',
  network: 'string',
  networkConfig: 'message',
  networkPolicy: 'message',
  nodeConfig: 'message',
  nodeIpv4CidrSize: 'integer',
  nodePoolAutoConfig: 'message',
  nodePoolDefaults: 'message',
  nodePools: 'messages',
  notificationConfig: 'message',
  parentProductConfig: 'message',
  podAutoscaling: 'message',
  privateClusterConfig: 'message',
  rbacBindingConfig: 'message',
  releaseChannel: 'message',
  resourceLabels: 'message',
  resourceUsageExportConfig: 'message',
  runtimeVulnerabilityInsightConfig: 'message',
  satisfiesPzi: 'boolean',
  satisfiesPzs: 'boolean',
  secretManagerConfig: 'message',
  securityPostureConfig: 'message',
  selfLink: 'string',
  servicesIpv4Cidr: 'string',
  shieldedNodes: 'message',
  status: 'string',
  statusMessage: 'string',
  subnetwork: 'string',
  tags: 'message',
  tpuIpv4CidrBlock: 'string',
  userManagedKeysConfig: 'message',
  verticalPodAutoscaling: 'message',
  workloadIdentityConfig: 'message',
  zone: 'string',
};

const isScalar = (value: unknown) => ['string', 'number', 'boolean'].includes(typeof value);

/**
 * Messages and lists are judged strictly; a scalar field takes any scalar, because hand-written or
 * re-rendered YAML may carry `currentMasterVersion: 1.30` or an unquoted numeric id.
 */
function fits(shape: FieldShape, value: unknown): boolean {
  switch (shape) {
    case 'message':
      return isObject(value);
    case 'messages':
      return Array.isArray(value) && value.every(isObject);
    case 'strings':
      return Array.isArray(value) && value.every(isScalar);
    case 'string':
    case 'boolean':
    case 'integer':
      return isScalar(value);
  }
}

/**
 * The keys of `value` that name a Cluster field but hold something else (`autopilot: false`,
 * `networkPolicy: calico`). Keys the v1 message does not know (beta-only fields, newer fields) are
 * not judged; an empty value (`key:` in YAML, JSON null) fits any field.
 */
export function misshapenClusterFields(value: Record<string, unknown>): string[] {
  return Object.entries(value)
    .filter(([key, v]) => {
      const shape = CLUSTER_FIELDS[key];
      return shape !== undefined && v !== null && !fits(shape, v);
    })
    .map(([key]) => key);
}
