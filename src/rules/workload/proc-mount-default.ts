import {
  containerSecurityContext,
  containersOf,
  describeContainer,
  podSpec,
} from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/proc-mount-default',
  provider: 'workload',
  severity: 'high',
  title: "Keep the runtime's masking of /proc",
  rationale:
    'The container runtime masks and makes read-only the parts of /proc that describe or control the node ' +
    'kernel rather than the container. procMount: Unmasked turns that off, giving the container a view of ' +
    '(and in places a handle on) the kernel it shares with every other pod on the node. The baseline Pod ' +
    'Security profile refuses it, except for a pod in its own user namespace (hostUsers: false), whose ' +
    'root is not root on the node (a low finding then: the restricted profile refuses it even there).',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.procMount'],
  hardened: 'procMount unset (Default)',
  fix: { language: 'yaml', snippet: 'securityContext:\n  procMount: Default\n' },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  messages: {
    unmasked: '{{container}} sets procMount: {{procMount}}, so /proc is not masked',
    userNamespace:
      '{{container}} sets procMount: {{procMount}} in a user namespace (hostUsers: false): the restricted Pod Security profile still refuses it',
  },
  check(subject) {
    // In its own user namespace the pod's root is not the node's: baseline allows it, restricted does not.
    const userNamespace = podSpec(subject).value.hostUsers === false;
    return containersOf(subject).flatMap((container) => {
      const procMount = containerSecurityContext(container, ['procMount']);
      if (procMount.value === undefined || procMount.value === null || procMount.value === 'Default')
        return [];
      const data = { container: describeContainer(container), procMount: String(procMount.value) };
      return [
        userNamespace
          ? { path: procMount.path, severity: 'low' as const, messageId: 'userNamespace' as const, data }
          : { path: procMount.path, messageId: 'unmasked' as const, data },
      ];
    });
  },
});
