import { KOPS_RELEASE } from '../../versions/kubernetes-releases.ts';
import {
  defaultKopsKubernetesVersion,
  kopsKubernetesVersionRisk,
  latestPatch,
} from '../../versions/support.ts';
import { choicesOf } from '../choices.ts';
import type { Answers, QuestionGroup } from '../types.ts';
import {
  atLeast,
  stripTrailing,
  suggestCidrNetworks,
  suggestStateStore,
  toList,
  validateCidrList,
  validateInteger,
  validateKubernetesVersion,
  validateStateStore,
  validateZones,
  worldOpen,
  worldOpenSubject,
} from '../validate.ts';
import { apiCidrsQuestion } from './api-access.ts';

// The values of the select questions: the choices are built from them, and so is KopsAnswers.
export const CONTROL_PLANE_COUNTS = [3, 1] as const;
export const TOPOLOGIES = ['private', 'public'] as const;
export const API_LOAD_BALANCERS = ['public', 'internal'] as const;
export const NETWORKING_CHOICES = ['cilium', 'calico', 'canal'] as const;
export const AUDIT_LEVELS = ['Metadata', 'Request', 'RequestResponse'] as const;

const isPrivate = (answers: Answers) => answers.topology === 'private';
const zoneCount = (answers: Answers) => (Array.isArray(answers.zones) ? answers.zones.length : 0);

/** The kops (AWS) questions, in the order they are asked. */
export const kopsQuestions: QuestionGroup = {
  id: 'kops',
  applies: (answers) => answers.provider === 'kops',
  questions: [
    {
      name: 'state',
      flag: 'state',
      type: 'input',
      placeholder: 's3://BUCKET',
      message: 'kops state store',
      why: 'The bucket holds the cluster spec and its secrets (CA keys, the encryption key): keep it private and versioned.',
      normalise: (value) => stripTrailing(String(value).trim(), '/'),
      validate: validateStateStore,
      suggest: suggestStateStore,
    },
    {
      name: 'zones',
      flag: 'zones',
      type: 'list',
      placeholder: 'ZONE,…',
      message: 'Availability zones (comma-separated)',
      why: 'Spreading nodes and control-plane instances over zones keeps the cluster up when one zone fails.',
      normalise: (value) => toList(value).map((zone) => zone.toLowerCase()),
      validate: validateZones,
    },
    {
      name: 'kubernetesVersion',
      flag: 'kubernetes-version',
      type: 'input',
      placeholder: 'X.Y.Z',
      message: 'Kubernetes version',
      why: 'A minor past end of life gets no security patches, and kops refuses versions newer than it knows.',
      // The newest patch of kops' stable-channel minor while that is supported (src/versions/).
      default: () => defaultKopsKubernetesVersion(),
      defaultHelp: `${latestPatch(KOPS_RELEASE.stableChannelMinor)} (kops' stable minor, newest patch)`,
      normalise: (value) => String(value).trim().replace(/^v/, ''),
      validate: validateKubernetesVersion,
      risk: {
        name: 'confirmVersion',
        flag: 'confirm-version',
        check: (value) => kopsKubernetesVersionRisk(value),
      },
    },
    {
      name: 'controlPlaneCount',
      flag: 'control-plane-count',
      type: 'select',
      message: 'Control-plane instances',
      why: 'Three keep etcd and the API available when one instance or zone fails; kops needs one group per zone.',
      choices: choicesOf(CONTROL_PLANE_COUNTS, {
        3: { name: '3 (highly available, one per zone)' },
        1: { name: '1 (single instance)' },
      }),
      default: (answers: Answers) => (zoneCount(answers) >= 3 ? 3 : 1),
      defaultHelp: '3 with three or more zones, else 1',
      normalise: (value) => Number(value),
      // One of CONTROL_PLANE_COUNTS already: the resolver refuses any other value before this.
      validate: (value, answers) => {
        if (value === 3 && zoneCount(answers) < 3)
          return 'three control-plane instances need three zones: kops allows one instance per control-plane group, one group per zone';
        return true;
      },
    },
    {
      name: 'controlPlaneSize',
      advanced: true,
      flag: 'control-plane-size',
      type: 'input',
      placeholder: 'TYPE',
      message: 'Control-plane instance type',
      why: 'etcd and the API server starve on burstable micro instances; an overloaded control plane fails health checks.',
      default: 't3.medium',
      normalise: (value) => String(value).trim(),
      validate: validateMachineType,
    },
    {
      name: 'nodeSize',
      advanced: true,
      flag: 'node-size',
      type: 'input',
      placeholder: 'TYPE',
      message: 'Node instance type',
      why: 'Nodes run your workloads; size them for the pods, not for the minimum that boots.',
      default: 't3.medium',
      normalise: (value) => String(value).trim(),
      validate: validateMachineType,
    },
    {
      name: 'nodeCount',
      flag: 'node-count',
      type: 'number',
      placeholder: 'N',
      message: 'Number of nodes',
      why: 'At least two nodes let a node be drained and patched without taking workloads down.',
      default: 2,
      normalise: (value) => Number(value),
      validate: (value) => validateInteger(value, 1, 500, 'the node count'),
    },
    apiCidrsQuestion,
    {
      name: 'topology',
      flag: 'topology',
      type: 'select',
      message: 'Network topology',
      why: 'Private subnets give instances no public IP and no route from the internet; load balancers sit in utility subnets.',
      choices: choicesOf(TOPOLOGIES, {
        private: { name: 'private (recommended)', description: 'Instances in private subnets behind NAT' },
        public: { name: 'public', description: 'Every instance gets a public IP' },
      }),
      default: 'private',
    },
    {
      name: 'apiLoadBalancer',
      flag: 'api-load-balancer',
      type: 'select',
      message: 'Kubernetes API load balancer',
      why: 'An internal load balancer answers only the VPC and networks joined to it (VPN, peering); a public one relies on the admin CIDRs alone.',
      choices: choicesOf(API_LOAD_BALANCERS, {
        public: {
          name: 'public',
          description: 'Internet-facing; its security group admits only the admin CIDRs',
        },
        internal: {
          name: 'internal (when you reach the VPC through a VPN or peering)',
          description: 'No internet-facing endpoint at all',
        },
      }),
      // Internal is stronger but locks out an admin who has no way into the VPC yet.
      default: 'public',
    },
    {
      name: 'sshCidrs',
      flag: 'ssh-cidr',
      type: 'list',
      placeholder: 'CIDR',
      message: 'Networks allowed to SSH in (CIDRs, comma-separated; empty for no SSH at all)',
      why: 'Every open SSH port is one leaked key away from a shell on a node; no SSH ingress is the safest choice.',
      default: [],
      emptyFlag: {
        flag: 'ssh',
        describe: 'No SSH ingress and no SSH key at all (same as an empty --ssh-cidr)',
      },
      normalise: (value) => toList(value),
      validate: (value) => validateCidrList(value, { allowEmpty: true }),
      suggest: suggestCidrNetworks,
      risk: {
        name: 'confirmOpenSsh',
        flag: 'confirm-open-ssh',
        check: (value) => {
          const open = worldOpen(value);
          return open.length > 0
            ? `${worldOpenSubject(open)} SSH to the whole internet; ksec diff will keep flagging it`
            : undefined;
        },
      },
    },
    {
      name: 'bastion',
      label: 'Bastion host',
      flag: 'bastion',
      type: 'confirm',
      message: 'Reach the instances through a bastion host?',
      why: 'Only the bastion then accepts SSH from your networks; nodes and the control plane accept SSH from the bastion alone.',
      defaultHelp: 'true when SSH is allowed in a private topology',
      when: (answers) => isPrivate(answers) && Array.isArray(answers.sshCidrs) && answers.sshCidrs.length > 0,
      whenHelp: 'only with --topology private and at least one --ssh-cidr',
      default: true,
    },
    {
      name: 'sshPublicKey',
      label: 'SSH public key file',
      flag: 'ssh-public-key',
      type: 'input',
      placeholder: 'FILE',
      message: 'SSH public key file for the admin user',
      why: 'kops installs this key on every instance; use a key that lives only on admin machines.',
      when: (answers) => Array.isArray(answers.sshCidrs) && answers.sshCidrs.length > 0,
      whenHelp: 'only with at least one --ssh-cidr',
      default: '~/.ssh/id_ed25519.pub',
      normalise: (value) => String(value).trim(),
      validate: (value) =>
        typeof value === 'string' && value !== '' && !/[\n\r]/.test(value)
          ? true
          : 'the path of a public key file is required, e.g. ~/.ssh/id_ed25519.pub',
    },
    {
      name: 'networking',
      flag: 'networking',
      type: 'select',
      message: 'Pod networking (CNI)',
      why: 'NetworkPolicies only work with a CNI that enforces them; without one every pod can reach every other pod.',
      choices: choicesOf(NETWORKING_CHOICES, {
        cilium: { name: 'cilium (recommended)', description: 'eBPF, enforces NetworkPolicy; kops default' },
        calico: { name: 'calico', description: 'Enforces NetworkPolicy' },
        canal: { name: 'canal', description: 'Only for Kubernetes < 1.28' },
      }),
      default: 'cilium',
      validate: (value, answers) =>
        value === 'canal' && atLeast(answers.kubernetesVersion, 1, 28)
          ? 'canal is not supported for Kubernetes >= 1.28, and kops refuses it; choose cilium or calico'
          : true,
    },
    {
      name: 'auditLevel',
      label: 'Audit level',
      flag: 'audit-level',
      type: 'select',
      message: 'API server audit level for ordinary requests',
      why: 'Audit logs are the record of who changed what; Secrets and tokens are only ever logged at Metadata.',
      choices: choicesOf(AUDIT_LEVELS, {
        Metadata: { name: 'Metadata (recommended)', description: 'Who, what, when; no bodies' },
        Request: { name: 'Request', description: 'Also the request body of changes' },
        RequestResponse: { name: 'RequestResponse', description: 'Also the response body of changes' },
      }),
      default: 'Metadata',
    },
    {
      name: 'auditMaxAge',
      advanced: true,
      flag: 'audit-max-age',
      type: 'number',
      placeholder: 'DAYS',
      message: 'Days to keep rotated audit logs',
      why: 'Retention bounds the disk the log uses while keeping enough history to investigate an incident.',
      default: 30,
      normalise: (value) => Number(value),
      validate: (value) => validateInteger(value, 1, 3650, 'the audit log age'),
    },
    {
      name: 'auditMaxBackups',
      advanced: true,
      flag: 'audit-max-backups',
      type: 'number',
      placeholder: 'N',
      message: 'Rotated audit log files to keep',
      why: 'Old files beyond this count are deleted, so the log cannot fill the control-plane disk.',
      default: 10,
      normalise: (value) => Number(value),
      validate: (value) => validateInteger(value, 1, 1000, 'the audit log backup count'),
    },
    {
      name: 'auditMaxSize',
      label: 'Audit log size before rotation (MB)',
      advanced: true,
      flag: 'audit-max-size',
      type: 'number',
      placeholder: 'MB',
      message: 'Audit log size in MB before it rotates',
      why: 'Rotation keeps each file small enough to ship and read.',
      default: 100,
      normalise: (value) => Number(value),
      validate: (value) => validateInteger(value, 1, 10000, 'the audit log size'),
    },
    {
      name: 'encryptionConfig',
      flag: 'encryption-config',
      type: 'confirm',
      message: 'Encrypt Secrets at rest in etcd?',
      why: 'Without it Secrets sit base64-encoded in etcd and in every etcd backup.',
      default: true,
    },
    {
      name: 'imdsHopLimit',
      label: 'IMDS hop limit on the nodes',
      advanced: true,
      flag: 'imds-hop-limit',
      type: 'number',
      placeholder: 'N',
      message: 'Instance metadata (IMDSv2) hop limit on the nodes',
      why: 'A hop limit of 1 keeps pods from reaching the metadata service and the node role credentials; control-plane groups always keep 1.',
      default: 1,
      normalise: (value) => Number(value),
      validate: (value) => validateInteger(value, 1, 64, 'the hop limit'),
      risk: {
        name: 'confirmHopLimit',
        flag: 'confirm-hop-limit',
        check: (value) =>
          typeof value === 'number' && value > 1
            ? `a hop limit of ${value} lets pods on the nodes reach the metadata service and the node role credentials; ksec diff will keep flagging it`
            : undefined,
      },
    },
  ],
};

function validateMachineType(value: unknown): true | string {
  return /^[a-z][a-z0-9-]*\.[a-z0-9]+$/.test(String(value))
    ? true
    : `"${String(value)}" is not an EC2 instance type (e.g. t3.medium, m7i.large)`;
}
