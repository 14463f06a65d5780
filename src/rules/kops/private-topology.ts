import type { Subject } from '../../model.ts';
import { isControlPlaneRole, kopsPaths } from '../../providers/kops/paths.ts';
import { asArray, getIn } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';

const messages = {
  publicSubnet:
    '{{role}} instances of this group run in subnet {{subnet}} (type {{type}}): kops gives them public IPs and a route from the internet; move the group to Private subnets',
  gceExternalIp:
    '{{field}} is true: on GCE kops gives the {{role}} instances of this group external IPs even in Private subnets',
  noPrivateSubnet:
    'no subnet is Private: every node and control-plane instance runs in a Public or Utility subnet, with a public IP and a route from the internet',
} as const;
type Found = RuleViolation<typeof messages, false>;

const PRIVATE_TYPES = new Set(['Private', 'DualStack']);
/** Subnet types whose instances kops gives a public IP. */
const PUBLIC_TYPES = new Set(['Public', 'Utility']);
/** Roles that run Kubernetes (the bastion belongs in a utility subnet). */
const CLUSTER_ROLES = new Set(['Master', 'ControlPlane', 'Node', 'APIServer']);

function roleName(role: unknown): string {
  if (isControlPlaneRole(role)) return 'control-plane';
  return role === 'APIServer' ? 'API server' : 'node';
}

/** `associatePublicIp` (v1alpha2) or `associatePublicIP` (v1alpha3), with its path. */
function associatePublicIp(group: Subject): { value: unknown; path: string[] } {
  for (const key of ['associatePublicIp', 'associatePublicIP']) {
    const value = getIn(group.value, ['spec', key]);
    if (value !== undefined) return { value, path: ['spec', key] };
  }
  return { value: undefined, path: ['spec', 'associatePublicIp'] };
}

/**
 * A group in a Public or Utility subnet gets public IPs. kops decides on the type of the group's
 * subnets (all of one type, or kops refuses them: pkg/model/context.go GatherSubnets, "found subnets of
 * different types"): on AWS, Public and Utility mean AssociatePublicIP true unless the group sets
 * associatePublicIp: false; Private and DualStack force it false (kops v1.36.2
 * pkg/model/awsmodel/autoscalinggroup.go:248-257). GCE gives an external IP in Public and Utility
 * subnets, and wherever associatePublicIp is true (pkg/model/gcemodel/autoscalinggroup.go:89-95).
 */
function checkGroup(group: Subject): Found[] {
  const role = getIn(group.value, ['spec', 'role']);
  if (!CLUSTER_ROLES.has(String(role))) return [];
  const [cluster] = group.neighbours.ofKind('kops', 'Cluster');
  if (!cluster) return [];
  const types = new Map<string, unknown>();
  for (const subnet of asArray(kopsPaths.subnets(cluster).value)) {
    const name = getIn(subnet, ['name']);
    if (typeof name === 'string') types.set(name, getIn(subnet, ['type']));
  }
  const publicIp = associatePublicIp(group);
  const subnets = asArray(getIn(group.value, ['spec', 'subnets']));
  const index = subnets.findIndex((name) => PUBLIC_TYPES.has(String(types.get(String(name)))));
  if (index >= 0 && publicIp.value !== false) {
    const name = String(subnets[index]);
    return [
      {
        path: ['spec', 'subnets', index],
        messageId: 'publicSubnet',
        data: { role: roleName(role), subnet: name, type: String(types.get(name)) },
      },
    ];
  }
  if (publicIp.value === true && kopsPaths.cloudProvider(cluster) === 'gce') {
    return [
      {
        path: publicIp.path,
        messageId: 'gceExternalIp',
        data: { field: String(publicIp.path[1]), role: roleName(role) },
      },
    ];
  }
  return [];
}

/** A Cluster read without its InstanceGroups: the best that can be said is that no subnet is private. */
function checkCluster(cluster: Subject): Found[] {
  if (cluster.neighbours.ofKind('kops', 'InstanceGroup').length > 0) return [];
  const subnets = kopsPaths.subnets(cluster);
  const types = asArray(subnets.value).map((subnet) => getIn(subnet, ['type']));
  if (types.some((type) => typeof type === 'string' && PRIVATE_TYPES.has(type))) return [];
  const firstPublic = types.findIndex((type) => typeof type === 'string' && PUBLIC_TYPES.has(type));
  if (firstPublic < 0) return [];
  return [
    {
      path: [...subnets.path, firstPublic, 'type'],
      messageId: 'noPrivateSubnet',
    },
  ];
}

export default defineRule({
  id: 'kops/private-topology',
  provider: 'kops',
  severity: 'medium',
  title: 'Run nodes and the control plane in private subnets',
  rationale:
    'An instance in a Public or Utility subnet gets a public IP and a route from the internet, so one ' +
    'mistaken security group rule exposes it. Private subnets behind utility subnets (for load balancers, ' +
    'NAT and the bastion) keep node and control-plane instances unreachable from outside.',
  targets: ['Cluster', 'InstanceGroup'],
  paths: [
    'spec.subnets[].type',
    'spec.networking.subnets[].type',
    'InstanceGroup spec.subnets',
    'InstanceGroup spec.associatePublicIp',
  ],
  hardened:
    'Private subnets for node and control-plane InstanceGroups, Utility subnets for load balancers, NAT and the bastion',
  fix: {
    language: 'yaml',
    snippet:
      'spec:\n  subnets:\n  - name: us-east-1a\n    type: Private\n    zone: us-east-1a\n  - name: utility-us-east-1a\n    type: Utility\n    zone: us-east-1a\n---\n# each node and control-plane InstanceGroup\nspec:\n  subnets:\n  - us-east-1a # a Private subnet\n',
    manual:
      'Moving a running cluster to private subnets means new subnets and new instance groups; plan it as a migration.',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/topology/', 'https://kops.sigs.k8s.io/instance_groups/'],
  messages,
  check(subject) {
    return subject.kind === 'InstanceGroup' ? checkGroup(subject) : checkCluster(subject);
  },
});
