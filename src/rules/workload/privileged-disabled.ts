import { containerSecurityContext, containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/privileged-disabled',
  provider: 'workload',
  severity: 'critical',
  title: 'Run no container in privileged mode',
  rationale:
    'A privileged container gets every capability and the host devices, and most of the isolation between ' +
    'it and the node disappears: whoever controls the process effectively controls the node and every pod ' +
    'on it. Very few workloads need it; grant the single capability a tool needs instead.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.privileged'],
  hardened: 'privileged: false (or unset)',
  template: { topics: ['pod-security-context'] },
  fix: {
    language: 'yaml',
    snippet: 'containers:\n- name: app\n  securityContext:\n    privileged: false\n',
  },
  fixable: true,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  messages: { privileged: '{{container}} runs privileged: it has full access to the node' },
  check(subject) {
    return containersOf(subject).flatMap((container) => {
      const privileged = containerSecurityContext(container, ['privileged']);
      if (privileged.value !== true) return [];
      return [
        {
          path: privileged.path,
          messageId: 'privileged' as const,
          data: { container: describeContainer(container) },
          fix: { set: false },
        },
      ];
    });
  },
});
