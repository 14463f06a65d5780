// The answers each generator reads, typed from the question data (a select's answer is one value of
// the constant its choices come from), and the checked conversion from the resolved answers. Cheap
// to import: snippets read answers without loading the template engine.
import { CLUSTER_PROVIDERS } from '../wizard/questions/common.ts';
import { GKE_NETWORK_POLICIES, GKE_RELEASE_CHANNELS } from '../wizard/questions/gke.ts';
import {
  API_LOAD_BALANCERS,
  AUDIT_LEVELS,
  CONTROL_PLANE_COUNTS,
  NETWORKING_CHOICES,
  TOPOLOGIES,
} from '../wizard/questions/kops.ts';
import { NAMESPACE_ROLES } from '../wizard/questions/workload.ts';
import type { Answers } from '../wizard/types.ts';

/** The answers the kops generator reads, after the wizard has validated them. */
export interface KopsAnswers {
  provider: 'kops';
  name: string;
  state: string;
  zones: string[];
  kubernetesVersion: string;
  controlPlaneCount: (typeof CONTROL_PLANE_COUNTS)[number];
  controlPlaneSize: string;
  nodeSize: string;
  nodeCount: number;
  apiCidrs: string[];
  topology: (typeof TOPOLOGIES)[number];
  apiLoadBalancer: (typeof API_LOAD_BALANCERS)[number];
  sshCidrs: string[];
  bastion?: boolean;
  sshPublicKey?: string;
  networking: (typeof NETWORKING_CHOICES)[number];
  auditLevel: (typeof AUDIT_LEVELS)[number];
  auditMaxAge: number;
  auditMaxBackups: number;
  auditMaxSize: number;
  encryptionConfig: boolean;
  imdsHopLimit: number;
}

/** The answers the GKE generator reads, after the wizard has validated them. */
export interface GkeAnswers {
  provider: 'gke';
  name: string;
  project: string;
  autopilot: boolean;
  zone?: string;
  region?: string;
  machineType?: string;
  numNodes?: number;
  apiCidrs: string[];
  networkPolicy?: (typeof GKE_NETWORK_POLICIES)[number];
  privateNodes: boolean;
  masterIpv4Cidr?: string;
  releaseChannel: (typeof GKE_RELEASE_CHANNELS)[number];
  workloadIdentity?: boolean;
  nodeServiceAccount: string;
  databaseEncryptionKey: string;
}

/** The answers the workload generator (the manifests under k8s/) reads, after the wizard has validated them. */
export interface WorkloadAnswers {
  namespaces: string[];
  /** `namespace=group` entries. */
  namespaceOwners: string[];
  namespaceRole: (typeof NAMESPACE_ROLES)[number];
  /** The cluster's provider, for where group names come from (none: no such comment). */
  provider?: (typeof CLUSTER_PROVIDERS)[number];
  /** The cluster's Kubernetes version, for the fields it supports (none: the newest). */
  kubernetesVersion?: string;
}

/** A run-time check of one answer's type, and what it expects in words. */
interface Check<T> {
  is: (value: unknown) => value is T;
  expected: string;
}

const text: Check<string> = { is: (v): v is string => typeof v === 'string', expected: 'text' };
const count: Check<number> = {
  is: (v): v is number => typeof v === 'number' && Number.isFinite(v),
  expected: 'a number',
};
const yesNo: Check<boolean> = { is: (v): v is boolean => typeof v === 'boolean', expected: 'true or false' };
const texts: Check<string[]> = {
  is: (v): v is string[] => Array.isArray(v) && v.every((item) => typeof item === 'string'),
  expected: 'a list of text',
};

function oneOf<const V extends string | number>(values: readonly V[]): Check<V> {
  return {
    is: (v): v is V => (values as readonly unknown[]).includes(v),
    expected: `one of ${values.join(', ')}`,
  };
}

/**
 * Reads answers for one generator. The wizard has checked them, so a value of the wrong type is an
 * answers object built by hand (generate() is a library function) or a bug: an Error that names it.
 */
function reader(answers: Answers, generator: string) {
  const read = <T>(name: string, check: Check<T>): T => {
    const value = answers[name];
    if (check.is(value)) return value;
    throw new Error(
      `the ${generator} generator needs ${name} to be ${check.expected}, got ${value === undefined ? 'none' : JSON.stringify(value)}`,
    );
  };
  return {
    required: read,
    optional: <T>(name: string, check: Check<T>): T | undefined =>
      answers[name] === undefined ? undefined : read(name, check),
  };
}

export function kopsAnswers(answers: Answers): KopsAnswers {
  const { required, optional } = reader(answers, 'kops');
  return {
    provider: required('provider', oneOf(['kops'])),
    name: required('name', text),
    state: required('state', text),
    zones: required('zones', texts),
    kubernetesVersion: required('kubernetesVersion', text),
    controlPlaneCount: required('controlPlaneCount', oneOf(CONTROL_PLANE_COUNTS)),
    controlPlaneSize: required('controlPlaneSize', text),
    nodeSize: required('nodeSize', text),
    nodeCount: required('nodeCount', count),
    apiCidrs: required('apiCidrs', texts),
    topology: required('topology', oneOf(TOPOLOGIES)),
    apiLoadBalancer: required('apiLoadBalancer', oneOf(API_LOAD_BALANCERS)),
    sshCidrs: required('sshCidrs', texts),
    bastion: optional('bastion', yesNo),
    sshPublicKey: optional('sshPublicKey', text),
    networking: required('networking', oneOf(NETWORKING_CHOICES)),
    auditLevel: required('auditLevel', oneOf(AUDIT_LEVELS)),
    auditMaxAge: required('auditMaxAge', count),
    auditMaxBackups: required('auditMaxBackups', count),
    auditMaxSize: required('auditMaxSize', count),
    encryptionConfig: required('encryptionConfig', yesNo),
    imdsHopLimit: required('imdsHopLimit', count),
  };
}

export function gkeAnswers(answers: Answers): GkeAnswers {
  const { required, optional } = reader(answers, 'gke');
  return {
    provider: required('provider', oneOf(['gke'])),
    name: required('name', text),
    project: required('project', text),
    autopilot: required('autopilot', yesNo),
    zone: optional('zone', text),
    region: optional('region', text),
    machineType: optional('machineType', text),
    numNodes: optional('numNodes', count),
    apiCidrs: required('apiCidrs', texts),
    networkPolicy: optional('networkPolicy', oneOf(GKE_NETWORK_POLICIES)),
    privateNodes: required('privateNodes', yesNo),
    masterIpv4Cidr: optional('masterIpv4Cidr', text),
    releaseChannel: required('releaseChannel', oneOf(GKE_RELEASE_CHANNELS)),
    workloadIdentity: optional('workloadIdentity', yesNo),
    nodeServiceAccount: required('nodeServiceAccount', text),
    databaseEncryptionKey: required('databaseEncryptionKey', text),
  };
}

export function workloadAnswers(answers: Answers): WorkloadAnswers {
  const { required, optional } = reader(answers, 'workload');
  return {
    namespaces: required('namespaces', texts),
    namespaceOwners: required('namespaceOwners', texts),
    namespaceRole: required('namespaceRole', oneOf(NAMESPACE_ROLES)),
    provider: optional('provider', oneOf(CLUSTER_PROVIDERS)),
    kubernetesVersion: optional('kubernetesVersion', text),
  };
}
