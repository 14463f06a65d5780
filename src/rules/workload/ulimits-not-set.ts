import { containerSecurityContext, containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { isObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/ulimits-not-set',
  provider: 'workload',
  severity: 'medium',
  title: "Leave the container's resource ulimits to the node",
  rationale:
    'securityContext.ulimits sets the per-process limits of a container (open files, locked memory, core ' +
    "dumps, …), which can raise them above what the node's configuration gives every other container and " +
    'let one workload use up kernel resources they share. Only the privileged Pod Security profile allows ' +
    'it; the baseline profile refuses it.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers,ephemeralContainers}[].securityContext.ulimits'],
  hardened: 'securityContext.ulimits unset',
  fix: {
    language: 'yaml',
    snippet: '# Remove securityContext.ulimits; set limits in the node configuration.\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  messages: { set: '{{container}} sets its own ulimits ({{ulimits}})' },
  check(subject) {
    return containersOf(subject).flatMap((container) => {
      const ulimits = containerSecurityContext(container, ['ulimits']);
      const set = isObject(ulimits.value) ? Object.keys(ulimits.value) : [];
      if (set.length === 0) return [];
      return [
        {
          path: ulimits.path,
          messageId: 'set' as const,
          data: { container: describeContainer(container), ulimits: set.join(', ') },
        },
      ];
    });
  },
});
