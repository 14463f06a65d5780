import { kopsPaths } from '../../providers/kops/paths.ts';
import { defineRule } from '../types.ts';
import { worldOpenEntries } from './_helpers.ts';

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
  fix: {
    language: 'yaml',
    snippet:
      'spec:\n  sshAccess:\n  - 198.51.100.0/24 # your admin network, or remove sshAccess for no SSH at all\n',
    manual:
      'Replace 0.0.0.0/0 and ::/0 with admin CIDRs (or drop the list), then run `kops update cluster --yes`.',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/cluster_spec/#sshaccess', 'https://kops.sigs.k8s.io/bastion/'],
  check(subject) {
    const ssh = kopsPaths.sshAccess(subject);
    return worldOpenEntries(ssh.value, ssh.path).map(({ cidr, path }) => ({
      path,
      message: `SSH to every instance is open to the whole internet (${cidr}); allow only admin CIDRs or use a bastion`,
    }));
  },
});
