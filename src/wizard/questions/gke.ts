import { parseCidr } from '../../util/cidr.ts';
import { nearest } from '../../util/suggest.ts';
import { choicesOf } from '../choices.ts';
import { GCP_LOCATIONS_READ, GCP_REGIONS, GCP_ZONES, zonesOf } from '../gcp-locations.ts';
import type { Answers, QuestionGroup } from '../types.ts';
import { validateInteger } from '../validate.ts';
import { apiCidrsQuestion } from './api-access.ts';

// The values of the select questions: the choices are built from them, and so is GkeAnswers.
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

/** GKE clusters without a zone are regional: gcloud spreads their nodes over three zones of the region. */
export const REGIONAL_ZONES = 3;
/** What gcloud uses when the script gives no --machine-type (`gcloud container clusters create --help`). */
export const GKE_DEFAULT_MACHINE_TYPE = 'e2-medium';

const regionOfZone = (zone: string) => ZONE.exec(zone)?.[1];

/** The region a zone given as a flag or in the answers file belongs to (answers files from before --region was always asked). */
function regionOfGivenZone(given: Answers): string | undefined {
  return typeof given.zone === 'string' ? regionOfZone(given.zone.trim().toLowerCase()) : undefined;
}

function validateRegion(value: unknown): true | string {
  const text = String(value ?? '');
  if (text === '') return 'a region is required, e.g. europe-west1';
  if (REGION.test(text)) return true;
  const zoneRegion = regionOfZone(text);
  return zoneRegion
    ? `"${text}" is a zone: give its region ${zoneRegion} here, and the zone next for a zonal cluster`
    : `"${text}" is not a Google Cloud region (e.g. europe-west1, us-central1)`;
}

/** A region that is well formed but not in Google's list as ksec read it: a typo, or a region newer than the list. */
function unknownRegion(value: unknown): string | undefined {
  const text = String(value ?? '');
  if (GCP_ZONES[text]) return undefined;
  const close = nearest(text, GCP_REGIONS, { limit: 3, maxDistance: 2 });
  return `"${text}" is not in ksec's list of Google Cloud regions (read ${GCP_LOCATIONS_READ} from Google's regions page${close.length > 0 ? `; closest: ${close.join(', ')}` : ''})`;
}

function validateZone(value: unknown, answers: Answers): true | string {
  const text = String(value ?? '');
  if (text === '') return true;
  const zoneRegion = regionOfZone(text);
  if (!zoneRegion)
    return REGION.test(text)
      ? `"${text}" is a region; a zone is a region and a letter, e.g. ${zonesOf(text)?.[0] ?? `${text}-b`}`
      : `"${text}" is not a Google Cloud zone (e.g. europe-west1-b)`;
  const region = String(answers.region ?? '');
  if (region && zoneRegion !== region)
    return `"${text}" is in ${zoneRegion}, not in the cluster's region ${region}${zonesOf(region) ? `; its zones are ${zonesOf(region)?.join(', ')}` : ''}`;
  return true;
}

function unknownZone(value: unknown): string | undefined {
  const text = String(value ?? '');
  const region = regionOfZone(text);
  if (text === '' || !region) return undefined;
  const zones = zonesOf(region);
  if (!zones) return undefined; // A region newer than the list: its own confirmation covered it.
  if (zones.includes(text)) return undefined;
  return `"${text}" is not in ksec's list of the zones of ${region} (read ${GCP_LOCATIONS_READ} from Google's regions page: ${zones.join(', ')})`;
}

/** A Compute Engine machine type: `e2-medium`, `n2-standard-4`, `c4a-highmem-8-lssd`, `custom-2-12288`. */
function validateMachineType(value: unknown): true | string {
  const text = String(value ?? '');
  if (/^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(text)) return true;
  if (/^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(text))
    return `"${text}" is an EC2 instance type; GKE nodes take a Compute Engine machine type, e.g. e2-standard-2`;
  return `"${text}" is not a Compute Engine machine type (e.g. e2-medium, n2-standard-4, custom-2-12288)`;
}

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

/**
 * A Cloud KMS key in the cluster's location. Google's "Encrypt secrets at the application layer"
 * (cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets) wants the key in the same
 * location as the cluster; key rings live in regions (not zones), so a zonal cluster's key is in
 * the zone's region.
 */
function validateKmsKey(value: unknown, answers: Answers): true | string {
  if (value === '') return true;
  const match = /^projects\/[^/\s]+\/locations\/([^/\s]+)\/keyRings\/[^/\s]+\/cryptoKeys\/[^/\s]+$/.exec(
    String(value),
  );
  if (!match)
    return `"${String(value)}" is not a Cloud KMS key name (projects/P/locations/L/keyRings/R/cryptoKeys/K)`;
  const region = String(answers.region ?? '');
  if (region && match[1] !== region)
    return `the key is in ${match[1]}, but the cluster is in ${region}: GKE needs the key in the cluster's location (a key ring in ${region})`;
  return true;
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
      label: 'Autopilot',
      flag: 'autopilot',
      type: 'confirm',
      message: 'Create an Autopilot cluster?',
      why: 'Autopilot manages the nodes and fixes Workload Identity, shielded nodes and Dataplane V2 for you; Standard leaves them to this script.',
      default: false,
    },
    {
      name: 'region',
      flag: 'region',
      type: 'input',
      placeholder: 'REGION',
      message: 'Region (e.g. europe-west1)',
      why: 'The region holds the control plane and the nodes; pick the one next to your users and data.',
      default: (_answers: Answers, given: Answers) => regionOfGivenZone(given),
      defaultHelp: 'the region of --zone when one is given; required otherwise',
      normalise: (value) => String(value).trim().toLowerCase(),
      validate: validateRegion,
      risk: {
        name: 'confirmRegion',
        flag: 'confirm-region',
        check: unknownRegion,
        describe: `Accept a --region missing from ksec's list of Google Cloud regions (read ${GCP_LOCATIONS_READ})`,
      },
    },
    {
      name: 'zone',
      label: 'Zone',
      summary: (value) => (value === '' ? 'a regional cluster, over three zones' : undefined),
      flag: 'zone',
      type: 'input',
      placeholder: 'ZONE',
      message: 'Zone for a zonal cluster (leave empty for a regional cluster, recommended)',
      why: 'A regional cluster replicates the control plane over three zones, so an upgrade or a zone outage does not stop the API.',
      prompt: (answers) => {
        const zones = zonesOf(String(answers.region));
        return zones
          ? {
              why: `A regional cluster replicates the control plane over three zones of ${String(answers.region)}, so an upgrade or a zone outage does not stop the API. Its zones: ${zones.join(', ')}.`,
            }
          : {};
      },
      when: (answers) => !isAutopilot(answers),
      whenHelp: 'only without --autopilot (Autopilot clusters are regional)',
      default: '',
      defaultHelp: 'none: a regional cluster',
      normalise: (value) => String(value).trim().toLowerCase(),
      validate: validateZone,
      risk: {
        name: 'confirmZone',
        flag: 'confirm-zone',
        check: unknownZone,
        describe: `Accept a --zone missing from ksec's list of the region's zones (read ${GCP_LOCATIONS_READ})`,
      },
    },
    {
      name: 'machineType',
      flag: 'machine-type',
      type: 'input',
      placeholder: 'TYPE',
      message: 'Node machine type',
      why: 'Nodes run your workloads; size them for the pods. e2-medium (2 shared vCPUs, 4 GB) is what gcloud picks when none is given.',
      when: (answers) => !isAutopilot(answers),
      whenHelp: 'only without --autopilot (Autopilot sizes the nodes itself)',
      default: GKE_DEFAULT_MACHINE_TYPE,
      normalise: (value) => String(value).trim(),
      validate: validateMachineType,
    },
    {
      name: 'numNodes',
      flag: 'num-nodes',
      type: 'number',
      placeholder: 'N',
      message: 'Nodes in each zone',
      why: "A regional cluster gets this many nodes in each of its three zones (gcloud's --num-nodes); gcloud's own default, 3, makes 9 nodes.",
      prompt: (answers) =>
        answers.zone
          ? {
              message: `Nodes (all in ${String(answers.zone)})`,
              why: 'At least two nodes let a node be drained and patched without taking workloads down.',
            }
          : {
              message: 'Nodes in each zone',
              why: `GKE puts this many nodes in each of three zones of ${String(answers.region)}: 1 makes 3 nodes in all (gcloud's own default, 3, would make 9).`,
            },
      when: (answers) => !isAutopilot(answers),
      whenHelp: 'only without --autopilot (Autopilot adds nodes as pods need them)',
      default: (answers: Answers) => (answers.zone ? 2 : 1),
      defaultHelp: '1 per zone for a regional cluster (3 nodes), 2 for a zonal one',
      normalise: (value) => Number(value),
      // Google's GKE limits (cloud.google.com/kubernetes-engine/quotas): 1,000 nodes per node pool zone.
      validate: (value) => validateInteger(value, 1, 1000, 'the node count per zone'),
      summary: (value, answers) => {
        const count = Number(value);
        const total = answers.zone ? count : count * REGIONAL_ZONES;
        return `${total} node${total === 1 ? '' : 's'} in all`;
      },
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
      choices: choicesOf(GKE_NETWORK_POLICIES, {
        'dataplane-v2': {
          name: 'Dataplane V2 (recommended)',
          description: 'eBPF datapath that enforces NetworkPolicy itself; only at creation',
        },
        calico: { name: 'Calico', description: 'The network policy add-on on the legacy datapath' },
      }),
      default: 'dataplane-v2',
    },
    {
      name: 'privateNodes',
      label: 'Private nodes',
      flag: 'private-nodes',
      type: 'confirm',
      message: 'Give nodes internal IP addresses only (private nodes)?',
      why: 'Private nodes are unreachable from the internet; they need Cloud NAT to pull images from outside Google.',
      default: true,
    },
    {
      name: 'masterIpv4Cidr',
      label: 'Control-plane /28 (VPC peering)',
      flag: 'master-ipv4-cidr',
      type: 'input',
      placeholder: 'CIDR',
      message:
        'Control-plane /28 for a VPC-peering private cluster (leave empty for the current Private Service Connect model)',
      why: 'Only clusters that must use VPC peering need a reserved /28; it may not overlap any range in the VPC.',
      when: (answers) => answers.privateNodes === true,
      whenHelp: 'only with --private-nodes',
      default: '',
      defaultHelp: 'none: Private Service Connect',
      normalise: (value) => String(value).trim(),
      validate: validateMasterCidr,
    },
    {
      name: 'releaseChannel',
      flag: 'release-channel',
      type: 'select',
      message: 'Release channel',
      why: 'On a channel GKE applies security patches to the control plane and nodes on its own; without one they wait for you.',
      choices: choicesOf(GKE_RELEASE_CHANNELS, {
        regular: { name: 'regular (recommended)' },
        stable: { name: 'stable', description: 'Later, more proven versions' },
        rapid: { name: 'rapid', description: 'The newest versions first' },
        extended: { name: 'extended', description: 'Longer support for a minor version' },
      }),
      default: 'regular',
    },
    {
      name: 'workloadIdentity',
      label: 'Workload Identity',
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
      label: 'Node service account',
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
      label: 'KMS key for Secrets in etcd',
      flag: 'database-encryption-key',
      type: 'input',
      placeholder: 'KMS_KEY',
      message: 'Cloud KMS key to encrypt Secrets in etcd (optional; leave empty to skip)',
      why: 'With your own key, revoking it makes every stored Secret unreadable; the key must be in the cluster location.',
      prompt: (answers) => ({
        why: `With your own key, revoking it makes every stored Secret unreadable; the key must be in ${String(answers.region)}, the cluster's location (projects/P/locations/${String(answers.region)}/keyRings/R/cryptoKeys/K).`,
      }),
      default: '',
      normalise: (value) => String(value).trim(),
      defaultHelp: 'none: Google-managed encryption only',
      validate: validateKmsKey,
    },
  ],
};
