import { podSpec } from '../../providers/workload/pod.ts';
import { asArray, isObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

/** The volume sources the restricted Pod Security profile admits. */
export const RESTRICTED_VOLUME_TYPES: readonly string[] = [
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
];

/** Reported by their own rules, at a higher severity. */
const OWN_RULES = new Set(['hostPath', 'gitRepo']);

export default defineRule({
  id: 'workload/volume-types-restricted',
  provider: 'workload',
  severity: 'low',
  title: 'Mount storage through PersistentVolumeClaims, not inline volume sources',
  rationale:
    'An inline volume source (nfs, iscsi, cephfs, a cloud disk, …) connects the pod straight to a storage ' +
    'server named in the pod spec, outside the PersistentVolumes and StorageClasses where administrators ' +
    'decide who gets which storage. The restricted Pod Security profile, which the namespaces ksec init ' +
    'writes enforce, admits only configMap, secret, projected, downwardAPI, emptyDir, ephemeral, csi and ' +
    'persistentVolumeClaim volumes.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.volumes[]'],
  hardened: `volumes of the types ${RESTRICTED_VOLUME_TYPES.join(', ')}`,
  fix: {
    language: 'yaml',
    snippet:
      'volumes:\n- name: data\n  persistentVolumeClaim:\n    claimName: data # a PVC bound through a StorageClass\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  messages: {
    refused:
      'volume "{{volume}}" uses the {{type}} source, which the restricted Pod Security profile refuses',
  },
  check(subject) {
    const spec = podSpec(subject);
    return asArray(spec.value.volumes).flatMap((volume, index) => {
      if (!isObject(volume)) return [];
      const sources = Object.keys(volume).filter((key) => key !== 'name' && volume[key] != null);
      // A volume with no source is an emptyDir: the API server fills it in.
      const type = sources[0];
      if (type === undefined) return [];
      if (sources.some((source) => RESTRICTED_VOLUME_TYPES.includes(source) || OWN_RULES.has(source)))
        return [];
      return [
        {
          path: [...spec.path, 'volumes', index, type],
          messageId: 'refused' as const,
          data: { volume: String(volume.name), type },
        },
      ];
    });
  },
});
