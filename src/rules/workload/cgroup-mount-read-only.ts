import { containerSecurityContext, containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/cgroup-mount-read-only',
  provider: 'workload',
  severity: 'medium',
  title: "Keep the container's cgroup file system read-only",
  rationale:
    'With cgroupOptions.mountMode: Writable a container can write to its cgroup file system, where the ' +
    'kernel keeps the limits and accounting that hold it to its share of the node. Read-only is the ' +
    'default; the restricted Pod Security profile refuses anything else.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.cgroupOptions.mountMode',
  ],
  hardened: 'cgroupOptions.mountMode unset or ReadOnly',
  fix: { language: 'yaml', snippet: 'securityContext:\n  cgroupOptions:\n    mountMode: ReadOnly\n' },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  messages: { writable: '{{container}} mounts its cgroup file system {{mode}}' },
  check(subject) {
    return containersOf(subject).flatMap((container) => {
      const mode = containerSecurityContext(container, ['cgroupOptions', 'mountMode']);
      if (mode.value === undefined || mode.value === null || mode.value === 'ReadOnly') return [];
      return [
        {
          path: mode.path,
          messageId: 'writable' as const,
          data: { container: describeContainer(container), mode: String(mode.value) },
        },
      ];
    });
  },
});
