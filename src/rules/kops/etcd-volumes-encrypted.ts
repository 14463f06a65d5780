import { kopsPaths } from '../../providers/kops/paths.ts';
import { asArray, getIn, isObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'kops/etcd-volumes-encrypted',
  provider: 'kops',
  severity: 'high',
  title: 'Encrypt the etcd volumes at rest',
  rationale:
    'etcd holds every Secret of the cluster. On AWS kops leaves the etcd EBS volumes unencrypted unless each ' +
    'member says encryptedVolume: true (kops create cluster writes it; hand-written specs often do not), so a ' +
    'snapshot or a detached volume exposes everything.',
  targets: ['Cluster'],
  paths: ['spec.etcdClusters[].etcdMembers[].encryptedVolume'],
  hardened: 'true',
  fix: {
    language: 'yaml',
    snippet:
      'spec:\n  etcdClusters:\n  - name: main\n    etcdMembers:\n    - name: a\n      instanceGroup: control-plane-us-east-1a\n      encryptedVolume: true\n',
    manual:
      'An existing volume cannot be encrypted in place: restore etcd from backup onto encrypted volumes.',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/operations/etcd_backup_restore_encryption/'],
  messages: {
    unencrypted: 'etcd member {{member}} is on an unencrypted volume (encryptedVolume is {{state}})',
  },
  check(subject) {
    // encryptedVolume is an AWS EBS setting; GCE persistent disks are always encrypted.
    const cloud = kopsPaths.cloudProvider(subject);
    if (cloud !== undefined && cloud !== 'aws') return [];
    const clusters = kopsPaths.etcdClusters(subject);
    return asArray(clusters.value).flatMap((cluster, c) =>
      asArray(getIn(cluster, ['etcdMembers'])).flatMap((member, m) => {
        if (!isObject(member) || member.encryptedVolume === true) return [];
        const name = `${String(getIn(cluster, ['name']) ?? c)}/${String(member.name ?? m)}`;
        return [
          {
            path: [...clusters.path, c, 'etcdMembers', m, 'encryptedVolume'],
            messageId: 'unencrypted' as const,
            data: { member: name, state: member.encryptedVolume === false ? 'false' : 'not set' },
          },
        ];
      }),
    );
  },
});
