import { renderTemplate } from '../render/handlebars.ts';
import { worldOpenIndices } from '../util/cidr.ts';
import type { Answers } from '../wizard/types.ts';
import { kopsAnswers } from './answers.ts';
import type { GeneratedFile, Generator } from './types.ts';

/** Where the audit policy lives on the control plane; the fileAssets path must be the same string. */
export const AUDIT_POLICY_FILE = '/etc/kubernetes/audit/policy-config.yaml';
export const AUDIT_LOG_PATH = '/var/log/kube-apiserver-audit.log';
/** The VPC range kops create cluster uses; subnets are carved from it below. */
export const NETWORK_CIDR = '172.20.0.0/16';

export interface KopsSubnet {
  name: string;
  zone: string;
  cidr: string;
  type: 'Private' | 'Utility' | 'Public';
}

export interface KopsInstanceGroup {
  name: string;
  clusterName: string;
  role: 'ControlPlane' | 'Node' | 'Bastion';
  machineType: string;
  minSize: number;
  maxSize: number;
  subnets: string[];
  hopLimit: number;
  /** One line on why the group looks the way it does. */
  comment: string;
}

/**
 * Everything the kops templates and partials read. Snippets render the same partials:
 * `renderPartial(name, kopsContext(answers))` for `kops/kube-api-server`, `kops/kubelet`,
 * `kops/audit-file-asset`, `kops/audit-policy`, `kops/api-access`, `kops/ssh-access` and
 * `kops/networking`; `kops/instance-group` and `kops/instance-metadata` take one of
 * `instanceGroups`, and `kops/etcd-cluster` one of `etcdClusters`.
 */
export interface KopsContext {
  name: string;
  configBase: string;
  stateStore: string;
  kubernetesVersion: string;
  networking: string;
  networkCidr: string;
  private: boolean;
  /** The API load balancer is Internal (no internet-facing endpoint). */
  internalApi: boolean;
  subnets: KopsSubnet[];
  apiCidrs: string[];
  /** A world-open entry was confirmed: the comment must not claim the list is narrow. */
  apiWorldOpen: boolean;
  sshCidrs: string[];
  sshWorldOpen: boolean;
  bastion: boolean;
  sshPublicKey: string | null;
  controlPlaneGroups: KopsInstanceGroup[];
  instanceGroups: KopsInstanceGroup[];
  etcdClusters: {
    name: string;
    cpuRequest: string;
    memoryRequest: string;
    members: { name: string; instanceGroup: string }[];
  }[];
  audit: {
    level: string;
    /** Request bodies are logged for changes only when the chosen level is above Metadata. */
    logsChanges: boolean;
    logPath: string;
    policyFile: string;
    maxAge: number;
    maxBackups: number;
    maxSize: number;
  };
  encryptionConfig: boolean;
  hopLimit: number;
}

/**
 * Subnet layout in 172.20.0.0/16: a /19 per zone for instances from 172.20.32.0 up, and a /22 per
 * zone for utility subnets (load balancers, NAT, bastion) in 172.20.0.0/19, so they never overlap.
 */
function subnetsFor(zones: readonly string[], isPrivate: boolean): KopsSubnet[] {
  const instances = zones.map<KopsSubnet>((zone, index) => ({
    name: zone,
    zone,
    cidr: `172.20.${32 * (index + 1)}.0/19`,
    type: isPrivate ? 'Private' : 'Public',
  }));
  if (!isPrivate) return instances;
  const utility = zones.map<KopsSubnet>((zone, index) => ({
    name: `utility-${zone}`,
    zone,
    cidr: `172.20.${4 * index}.0/22`,
    type: 'Utility',
  }));
  return [...instances, ...utility];
}

export function kopsContext(answers: Answers): KopsContext {
  const a = kopsAnswers(answers);
  const isPrivate = a.topology === 'private';
  const bastion = isPrivate && a.bastion === true && a.sshCidrs.length > 0;
  const group = (g: Omit<KopsInstanceGroup, 'clusterName' | 'hopLimit'>): KopsInstanceGroup => ({
    ...g,
    clusterName: a.name,
    // A raised hop limit is for workloads on the nodes. The control plane keeps 1: its IAM role reads
    // the whole state store (kops pkg/model/iam/iam_builder.go, ReadableStatePaths), and so does the bastion.
    hopLimit: g.role === 'Node' ? a.imdsHopLimit : 1,
  });
  const controlPlaneGroups = a.zones.slice(0, a.controlPlaneCount).map((zone) =>
    group({
      name: `control-plane-${zone}`,
      role: 'ControlPlane',
      machineType: a.controlPlaneSize,
      minSize: 1,
      maxSize: 1,
      subnets: [zone],
      comment: 'kops allows one instance per control-plane group: one group per zone.',
    }),
  );
  // One etcd member per control-plane group, named after its zone letter as kops does.
  const members = controlPlaneGroups.map((g) => ({
    name: (g.subnets[0] ?? '').slice(-1),
    instanceGroup: g.name,
  }));
  const nodes = group({
    name: 'nodes',
    role: 'Node',
    machineType: a.nodeSize,
    minSize: a.nodeCount,
    maxSize: a.nodeCount,
    subnets: [...a.zones],
    comment: 'One group over every zone: the auto scaling group spreads the nodes.',
  });
  const bastionGroup = bastion
    ? [
        group({
          name: 'bastions',
          role: 'Bastion',
          machineType: 't3.micro',
          minSize: 1,
          maxSize: 1,
          subnets: a.zones.map((zone) => `utility-${zone}`),
          comment: 'The only instance that accepts SSH from sshAccess; the others accept it from here.',
        }),
      ]
    : [];
  return {
    name: a.name,
    configBase: `${a.state}/${a.name}`,
    stateStore: a.state,
    kubernetesVersion: a.kubernetesVersion,
    networking: a.networking,
    networkCidr: NETWORK_CIDR,
    private: isPrivate,
    internalApi: a.apiLoadBalancer === 'internal',
    subnets: subnetsFor(a.zones, isPrivate),
    apiCidrs: [...a.apiCidrs],
    apiWorldOpen: worldOpenIndices(a.apiCidrs).length > 0,
    sshCidrs: [...a.sshCidrs],
    sshWorldOpen: worldOpenIndices(a.sshCidrs).length > 0,
    bastion,
    sshPublicKey: a.sshCidrs.length > 0 ? (a.sshPublicKey ?? null) : null,
    controlPlaneGroups,
    instanceGroups: [...controlPlaneGroups, nodes, ...bastionGroup],
    etcdClusters: [
      { name: 'main', cpuRequest: '200m', memoryRequest: '100Mi', members },
      { name: 'events', cpuRequest: '100m', memoryRequest: '100Mi', members },
    ],
    audit: {
      level: a.auditLevel,
      logsChanges: a.auditLevel !== 'Metadata',
      logPath: AUDIT_LOG_PATH,
      policyFile: AUDIT_POLICY_FILE,
      maxAge: a.auditMaxAge,
      maxBackups: a.auditMaxBackups,
      maxSize: a.auditMaxSize,
    },
    encryptionConfig: a.encryptionConfig,
    hopLimit: a.imdsHopLimit,
  };
}

/** `cluster.yaml` (Cluster + InstanceGroups) and `kops-commands.sh`. */
export const kopsGenerator: Generator = {
  id: 'kops',
  applies: (answers) => answers.provider === 'kops',
  generate(answers): GeneratedFile[] {
    const context = kopsContext(answers);
    return [
      { path: 'cluster.yaml', content: renderTemplate('kops/cluster.yaml', context) },
      { path: 'kops-commands.sh', content: renderTemplate('kops/kops-commands.sh', context), mode: 0o755 },
    ];
  },
};
