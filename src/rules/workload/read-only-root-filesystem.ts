import {
  containerSecurityContext,
  containersOf,
  describeContainer,
  isWindowsPod,
} from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/read-only-root-filesystem',
  provider: 'workload',
  severity: 'low',
  title: 'Mount every container root file system read-only',
  rationale:
    'A writable root file system lets an intruder drop tools and binaries into the image or change its ' +
    'configuration. Mounting it read-only, with emptyDir volumes for the few paths the application must ' +
    'write (such as /tmp), raises the cost of an attack and keeps containers identical to their images.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.readOnlyRootFilesystem',
  ],
  hardened: 'readOnlyRootFilesystem: true',
  template: { topics: ['pod-security-context'] },
  fix: {
    language: 'yaml',
    snippet:
      'containers:\n- name: app\n  securityContext:\n    readOnlyRootFilesystem: true\n  volumeMounts:\n  - name: tmp\n    mountPath: /tmp\nvolumes:\n- name: tmp\n  emptyDir: {}\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
  messages: { writable: '{{container}} has a writable root file system' },
  check(subject) {
    // Linux-only fields: the API server refuses them on a Windows pod.
    if (isWindowsPod(subject)) return [];
    return containersOf(subject).flatMap((container) => {
      const setting = containerSecurityContext(container, ['readOnlyRootFilesystem']);
      if (setting.value === true) return [];
      return [
        {
          path: setting.path,
          messageId: 'writable' as const,
          data: { container: describeContainer(container) },
        },
      ];
    });
  },
});
