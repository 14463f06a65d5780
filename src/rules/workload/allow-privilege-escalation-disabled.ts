import {
  containerSecurityContext,
  containersOf,
  describeContainer,
  isWindowsPod,
} from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/allow-privilege-escalation-disabled',
  provider: 'workload',
  severity: 'high',
  title: 'Forbid privilege escalation in every container',
  rationale:
    'Unless allowPrivilegeEscalation is false, a process can gain more privileges than its parent, through ' +
    'setuid binaries or file capabilities in the image. Setting it to false (no_new_privs) closes that path ' +
    'even when a non-root user has been chosen, and Pod Security "restricted" requires it.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.allowPrivilegeEscalation',
  ],
  hardened: 'allowPrivilegeEscalation: false',
  template: { topics: ['pod-security-context'] },
  fix: {
    language: 'yaml',
    snippet: 'containers:\n- name: app\n  securityContext:\n    allowPrivilegeEscalation: false\n',
  },
  fixable: true,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#restricted'],
  messages: {
    allowed: '{{container}} allows privilege escalation',
    notForbidden:
      '{{container}} does not forbid privilege escalation (allowPrivilegeEscalation defaults to true)',
  },
  check(subject) {
    // Linux-only fields: the API server refuses them on a Windows pod.
    if (isWindowsPod(subject)) return [];
    return containersOf(subject).flatMap((container) => {
      const setting = containerSecurityContext(container, ['allowPrivilegeEscalation']);
      if (setting.value === false) return [];
      const explicit = setting.value === true;
      return [
        {
          path: setting.path,
          messageId: explicit ? ('allowed' as const) : ('notForbidden' as const),
          data: { container: describeContainer(container) },
          severity: explicit ? ('high' as const) : ('medium' as const),
          fix: { set: false },
        },
      ];
    });
  },
});
