import { podSpec } from '../../providers/workload/pod.ts';
import { asArray, isObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/git-repo-volume-not-used',
  provider: 'workload',
  severity: 'high',
  title: 'Use no gitRepo volume',
  rationale:
    'A gitRepo volume makes the kubelet run git on the node, as root, against a repository the pod spec ' +
    'names: CVE-2024-10220 turned that into command execution on the node through hooks in the cloned ' +
    'repository. The volume type is deprecated, and the baseline Pod Security profile refuses it since ' +
    'Kubernetes 1.31. Clone in an init container into an emptyDir instead.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.volumes[].gitRepo'],
  hardened: 'no gitRepo volume; an init container clones into an emptyDir',
  fix: {
    language: 'yaml',
    snippet:
      'initContainers:\n- name: clone\n  image: alpine/git:2.47.1\n  args: [clone, --depth=1, https://example.com/repo.git, /src]\n  volumeMounts:\n  - {name: src, mountPath: /src}\nvolumes:\n- name: src\n  emptyDir: {}\n',
  },
  fixable: false,
  refs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#gitrepo',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  messages: {
    gitRepo: 'volume "{{volume}}" is a gitRepo volume: the kubelet runs git as root on the node to fill it',
  },
  check(subject) {
    const spec = podSpec(subject);
    return asArray(spec.value.volumes).flatMap((volume, index) => {
      if (!isObject(volume) || volume.gitRepo === undefined || volume.gitRepo === null) return [];
      return [
        {
          path: [...spec.path, 'volumes', index, 'gitRepo'],
          messageId: 'gitRepo' as const,
          data: { volume: String(volume.name) },
        },
      ];
    });
  },
});
