import type { Subject } from '../../model.ts';
import { kopsPaths } from '../../providers/kops/paths.ts';
import { worldOpenEntries } from '../../util/cidr.ts';
import { getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

/**
 * Where kops opens SSH from sshAccess. With a Bastion InstanceGroup, only on the bastion's load
 * balancer, and the other instances accept SSH from the bastion alone (kops v1.36.2
 * pkg/model/awsmodel/external_access.go: "bastion is in use; won't configure SSH access to
 * control-plane / worker node instances"; pkg/model/awsmodel/bastion.go adds sshAccess to the bastion
 * load balancer). Without one, on every control-plane and node instance.
 */
function sshTarget(subject: Subject): 'bastion' | 'every instance' {
  const groups = subject.neighbours.ofKind('kops', 'InstanceGroup');
  // kops decides by the groups it has (UsesSSHBastion: some group has role Bastion).
  if (groups.some((g) => getIn(g.value, ['spec', 'role']) === 'Bastion')) return 'bastion';
  // A spec read without its groups: topology.bastion is what `kops create cluster --bastion` writes with the group.
  if (groups.length === 0 && getIn(kopsPaths.topology(subject).value, ['bastion']) !== undefined)
    return 'bastion';
  return 'every instance';
}

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = { partials: ['kops/ssh-access'], topics: ['ssh-access'] } as const;

export default defineRule({
  id: 'kops/ssh-access-restricted',
  provider: 'kops',
  severity: 'high',
  title: 'Allow SSH only from admin networks or a bastion, never from anywhere',
  rationale:
    'Every instance that accepts SSH from the internet is one leaked key or one OpenSSH bug away from a ' +
    'shell on a node, and a node holds kubelet credentials. Narrow SSH to admin CIDRs, go through a bastion, ' +
    'or leave sshAccess empty so no SSH ingress is created at all.',
  targets: ['Cluster'],
  paths: ['spec.sshAccess'],
  hardened: '[] (no SSH ingress) or [198.51.100.0/24] (admin CIDRs only)',
  template: TEMPLATE,
  fix: {
    language: 'yaml',
    snippet: templateSnippet(TEMPLATE.partials),
    manual:
      'Replace 0.0.0.0/0 and ::/0 with admin CIDRs (or drop the list), then run `kops update cluster --yes`.',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/cluster_spec/#sshaccess', 'https://kops.sigs.k8s.io/bastion/'],
  messages: {
    worldOpenBastion:
      'SSH to the bastion is open to the whole internet ({{why}}); kops opens SSH on the other instances to the bastion only, but the bastion is the way into all of them; allow only admin CIDRs',
    worldOpen:
      'SSH to every instance is open to the whole internet ({{why}}); allow only admin CIDRs or use a bastion',
  },
  check(subject) {
    const ssh = kopsPaths.sshAccess(subject);
    const target = sshTarget(subject);
    return worldOpenEntries(ssh.value).map(({ index, why }) => ({
      path: [...ssh.path, index],
      messageId: target === 'bastion' ? ('worldOpenBastion' as const) : ('worldOpen' as const),
      data: { why },
    }));
  },
});
