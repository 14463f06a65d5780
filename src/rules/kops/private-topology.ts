import { kopsPaths } from '../../providers/kops/paths.ts';
import { asArray, getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';

const PRIVATE_TYPES = new Set(['Private', 'DualStack']);

export default defineRule({
  id: 'kops/private-topology',
  provider: 'kops',
  severity: 'medium',
  title: 'Run nodes and the control plane in private subnets',
  rationale:
    'In a public topology every node and control-plane instance gets a public IP and a route from the ' +
    'internet, so one mistaken security group rule exposes it. Private subnets behind utility subnets (for ' +
    'load balancers and NAT) keep instances unreachable from outside; reach them through a bastion.',
  targets: ['Cluster'],
  paths: ['spec.subnets[].type', 'spec.networking.subnets[].type'],
  hardened: 'Private subnets for instances, Utility subnets for load balancers and NAT',
  fix: {
    language: 'yaml',
    snippet:
      'spec:\n  subnets:\n  - name: us-east-1a\n    type: Private\n    zone: us-east-1a\n  - name: utility-us-east-1a\n    type: Utility\n    zone: us-east-1a\n',
    manual:
      'Moving a running cluster to private subnets means new subnets and new instance groups; plan it as a migration.',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/topology/'],
  check(subject) {
    const subnets = kopsPaths.subnets(subject);
    const list = asArray(subnets.value);
    if (list.length === 0) return [];
    const types = list.map((subnet) => getIn(subnet, ['type']));
    if (types.some((type) => typeof type === 'string' && PRIVATE_TYPES.has(type))) return [];
    const firstPublic = types.indexOf('Public');
    if (firstPublic < 0) return [];
    return [
      {
        path: [...subnets.path, firstPublic, 'type'],
        message:
          'every subnet is Public: nodes and the control plane get public IPs and a route from the internet',
      },
    ];
  },
});
