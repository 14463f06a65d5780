import { containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/resource-limits-set',
  provider: 'workload',
  severity: 'low',
  title: 'Set CPU and memory limits on every container',
  rationale:
    'A container without limits can take all the CPU and memory of its node, so one runaway or hostile pod ' +
    'starves its neighbours, node agents included. Limits (with requests for fair scheduling) contain that ' +
    'damage; a namespace LimitRange can supply defaults.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers}[].resources.limits.{cpu,memory}'],
  hardened: 'resources.limits.cpu and resources.limits.memory set',
  fix: {
    language: 'yaml',
    snippet:
      'containers:\n- name: app\n  resources:\n    requests:\n      cpu: 100m\n      memory: 128Mi\n    limits:\n      cpu: 500m\n      memory: 256Mi\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/'],
  messages: { noLimit: '{{container}} has no {{missing}} limit' },
  check(subject) {
    // Ephemeral containers cannot have resources: the API rejects them.
    return containersOf(subject, ['initContainers', 'containers']).flatMap((container) => {
      const limitsPath = [...container.path, 'resources', 'limits'];
      const missing = ['cpu', 'memory'].filter(
        (r) => getIn(container.value, ['resources', 'limits', r]) == null,
      );
      if (missing.length === 0) return [];
      return [
        {
          path: limitsPath,
          messageId: 'noLimit' as const,
          data: { container: describeContainer(container), missing: missing.join(' or ') },
        },
      ];
    });
  },
});
