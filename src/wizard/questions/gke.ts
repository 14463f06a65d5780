import { parseCidr } from '../../util/cidr.ts';
import type { Answers, QuestionGroup } from '../types.ts';
import { apiCidrsQuestion } from './api-access.ts';

export const GKE_NETWORK_POLICIES = ['dataplane-v2', 'calico'] as const;
export const GKE_RELEASE_CHANNELS = ['regular', 'stable', 'rapid', 'extended'] as const;

const isAutopilot = (answers: Answers) => answers.autopilot === true;

/** A GCP project ID: 6-30 lower-case letters, digits or hyphens, starting with a letter. */
export function validateProjectId(value: unknown): true | string {
  const text = String(value ?? '');
  if (text === '') return 'a Google Cloud project ID is required, e.g. my-project-123';
  return /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/.test(text)
    ? true
    : `"${text}" is not a project ID: 6-30 lower-case letters, digits or '-', starting with a letter, not ending with '-' (the ID, not the display name or number)`;
}

/** A GKE cluster name: lower case, starts with a letter, at most 40 characters. */
export function validateGkeClusterName(value: unknown): true | string {
  const text = String(value ?? '');
  if (text === '') return 'a cluster name is required';
  return /^[a-z]([a-z0-9-]{0,38}[a-z0-9])?$/.test(text)
    ? true
    : `"${text}" is not a GKE cluster name: up to 40 lower-case letters, digits or '-', starting with a letter and ending with a letter or digit`;
}

const REGION = /^[a-z]+-[a-z]+\d+$/;
const ZONE = /^([a-z]+-[a-z]+\d+)-[a-z]$/;

/** The control plane's /28 for a VPC-peering private cluster: an RFC 1918 range. */
function validateMasterCidr(value: unknown): true | string {
  if (value === '') return true;
  const parsed = parseCidr(String(value));
  if (!parsed.ok) return parsed.reason;
  const { cidr } = parsed;
  if (cidr.family !== 4 || cidr.prefix !== 28)
    return `"${String(value)}": the control-plane range must be an IPv4 /28, e.g. 172.16.0.32/28`;
  if (cidr.hostBitsSet) return `"${String(value)}" has host bits set: the network is ${cidr.network}`;
  const [a, b] = cidr.bytes;
  const rfc1918 =
    a === 10 || (a === 172 && b !== undefined && b >= 16 && b <= 31) || (a === 192 && b === 168);
  return rfc1918 ? true : `"${String(value)}" is not a private (RFC 1918) range`;
}

/** The node service account: a dedicated one, never the Compute Engine default account. */
function validateServiceAccount(value: unknown): true | string {
  const text = String(value ?? '');
  if (/-compute@developer\.gserviceaccount\.com$/.test(text) || text === 'default')
    return `"${text}" is the Compute Engine default service account, which usually holds Editor on the project; use a dedicated account`;
  return /^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z0-9.-]+\.gserviceaccount\.com$/.test(text)
    ? true
    : `"${text}" is not a service account email (NAME@PROJECT_ID.iam.gserviceaccount.com)`;
}

function validateKmsKey(value: unknown): true | string {
  if (value === '') return true;
  return /^projects\/[^/\s]+\/locations\/[^/\s]+\/keyRings\/[^/\s]+\/cryptoKeys\/[^/\s]+$/.test(String(value))
    ? true
    : `"${String(value)}" is not a Cloud KMS key name (projects/P/locations/L/keyRings/R/cryptoKeys/K)`;
}

/** The GKE questions, in the order they are asked. */
export const gkeQuestions: QuestionGroup = {
  id: 'gke',
  applies: (answers) => answers.provider === 'gke',
  questions: [
    {
      name: 'project',
      flag: 'project',
      type: 'input',
      placeholder: 'PROJECT_ID',
      message: 'Google Cloud project ID',
      why: 'The cluster, its Workload Identity pool and its node service account all belong to one project.',
      normalise: (value) => String(value).trim(),
      validate: validateProjectId,
    },
    {
      name: 'autopilot',
      flag: 'autopilot',
      type: 'confirm',
      message: 'Create an Autopilot cluster?',
      why: 'Autopilot manages the nodes and fixes Workload Identity, shielded nodes and Dataplane V2 for you; Standard leaves them to this script.',
      default: false,
    },
    {
      name: 'zone',
      flag: 'zone',
      type: 'input',
      placeholder: 'ZONE',
      message: 'Zone for a zonal cluster (leave empty for a regional cluster, recommended)',
      why: 'A regional cluster replicates the control plane over three zones, so an upgrade or a zone outage does not stop the API.',
      when: (answers) => !isAutopilot(answers),
      whenHelp: 'only without --autopilot (Autopilot clusters are regional)',
      default: '',
      normalise: (value) => String(value).trim().toLowerCase(),
      validate: (value) =>
        value === '' || ZONE.test(String(value))
          ? true
          : `"${String(value)}" is not a Google Cloud zone (e.g. europe-west1-b)`,
    },
    {
      name: 'region',
      flag: 'region',
      type: 'input',
      placeholder: 'REGION',
      message: 'Region (for a zonal cluster give --zone instead)',
      why: 'The region holds the control-plane replicas and the nodes; pick the one next to your users and data.',
      when: (answers) => !answers.zone,
      whenHelp: 'only without --zone (a cluster has one location)',
      normalise: (value) => String(value).trim().toLowerCase(),
      validate: (value) =>
        REGION.test(String(value))
          ? true
          : ZONE.test(String(value))
            ? `"${String(value)}" is a zone; give --zone for a zonal cluster or the region ${String(value).replace(/-[a-z]$/, '')}`
            : `"${String(value)}" is not a Google Cloud region (e.g. europe-west1)`,
    },
    apiCidrsQuestion,
    {
      name: 'networkPolicy',
      flag: 'network-policy',
      type: 'select',
      message: 'NetworkPolicy enforcement',
      why: 'Without enforcement NetworkPolicy objects are accepted and ignored, so every pod can reach every other pod.',
      when: (answers) => !isAutopilot(answers),
      whenHelp: 'only without --autopilot (Autopilot always runs Dataplane V2)',
      choices: [
        {
          value: 'dataplane-v2',
          name: 'Dataplane V2 (recommended)',
          description: 'eBPF datapath that enforces NetworkPolicy itself; only at creation',
        },
        { value: 'calico', name: 'Calico', description: 'The network policy add-on on the legacy datapath' },
      ],
      default: 'dataplane-v2',
    },
    {
      name: 'privateNodes',
      flag: 'private-nodes',
      type: 'confirm',
      message: 'Give nodes internal IP addresses only (private nodes)?',
      why: 'Private nodes are unreachable from the internet; they need Cloud NAT to pull images from outside Google.',
      default: true,
    },
    {
      name: 'masterIpv4Cidr',
      flag: 'master-ipv4-cidr',
      type: 'input',
      placeholder: 'CIDR',
      message:
        'Control-plane /28 for a VPC-peering private cluster (leave empty for the current Private Service Connect model)',
      why: 'Only clusters that must use VPC peering need a reserved /28; it may not overlap any range in the VPC.',
      when: (answers) => answers.privateNodes === true,
      whenHelp: 'only with --private-nodes',
      default: '',
      normalise: (value) => String(value).trim(),
      validate: validateMasterCidr,
    },
    {
      name: 'releaseChannel',
      flag: 'release-channel',
      type: 'select',
      message: 'Release channel',
      why: 'On a channel GKE applies security patches to the control plane and nodes on its own; without one they wait for you.',
      choices: [
        { value: 'regular', name: 'regular (recommended)' },
        { value: 'stable', name: 'stable', description: 'Later, more proven versions' },
        { value: 'rapid', name: 'rapid', description: 'The newest versions first' },
        { value: 'extended', name: 'extended', description: 'Longer support for a minor version' },
      ],
      default: 'regular',
    },
    {
      name: 'workloadIdentity',
      flag: 'workload-identity',
      type: 'confirm',
      message: 'Enable Workload Identity?',
      why: 'Pods then get their own Google identity and never see the node service account token.',
      when: (answers) => !isAutopilot(answers),
      whenHelp: 'only without --autopilot (Autopilot always has Workload Identity)',
      default: true,
    },
    {
      name: 'nodeServiceAccount',
      flag: 'node-service-account',
      type: 'input',
      placeholder: 'EMAIL',
      message: 'Service account for the nodes (an existing, dedicated account)',
      why: 'The Compute Engine default account usually holds Editor on the project; a node account needs only roles/container.defaultNodeServiceAccount.',
      default: (answers: Answers) => `gke-nodes@${String(answers.project)}.iam.gserviceaccount.com`,
      normalise: (value) => String(value).trim(),
      validate: validateServiceAccount,
    },
    {
      name: 'databaseEncryptionKey',
      flag: 'database-encryption-key',
      type: 'input',
      placeholder: 'KMS_KEY',
      message: 'Cloud KMS key to encrypt Secrets in etcd (optional; leave empty to skip)',
      why: 'With your own key, revoking it makes every stored Secret unreadable; the key must be in the cluster location.',
      default: '',
      normalise: (value) => String(value).trim(),
      validate: validateKmsKey,
    },
  ],
};
