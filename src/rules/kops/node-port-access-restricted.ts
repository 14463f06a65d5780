import { kopsPaths } from '../../providers/kops/paths.ts';
import { worldOpenEntries } from '../../util/cidr.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'kops/node-port-access-restricted',
  provider: 'kops',
  severity: 'high',
  title: 'Do not open the NodePort range to the internet',
  rationale:
    'nodePortAccess opens ports 30000-32767 on every node. Open to the world, every NodePort Service, ' +
    'including ones created later for debugging, is public; expose services through a load balancer instead.',
  targets: ['Cluster'],
  paths: ['spec.nodePortAccess'],
  hardened: 'unset, or narrow CIDRs',
  fix: {
    language: 'yaml',
    snippet: 'spec:\n  nodePortAccess:\n  - 10.0.0.0/8 # only the networks that need NodePorts\n',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/cluster_spec/'],
  messages: { worldOpen: 'the NodePort range on every node is open to the whole internet ({{why}})' },
  check(subject) {
    const nodePorts = kopsPaths.nodePortAccess(subject);
    return worldOpenEntries(nodePorts.value).map(({ index, why }) => ({
      path: [...nodePorts.path, index],
      messageId: 'worldOpen' as const,
      data: { why },
    }));
  },
});
