import { containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { asArray, isObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/host-ports-not-used',
  provider: 'workload',
  severity: 'medium',
  title: 'Publish no container port on the node itself',
  rationale:
    "A hostPort opens the container on the node's own address, to anything that can reach the node, " +
    'beside the Services and load balancers where exposure is normally decided and reviewed. It also ' +
    'allows one such pod per node and port. The baseline Pod Security profile refuses it; expose the ' +
    'pod through a Service instead.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.{containers,initContainers,ephemeralContainers}[].ports[].hostPort'],
  hardened: 'hostPort unset (or 0); a Service exposes the pod',
  fix: {
    language: 'yaml',
    snippet:
      'containers:\n- name: app\n  ports:\n  - containerPort: 8080 # no hostPort: a Service routes to it\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  messages: { hostPort: '{{container}} publishes host port {{port}} on the node' },
  check(subject) {
    return containersOf(subject).flatMap((container) =>
      asArray(container.value.ports).flatMap((port, index) => {
        if (!isObject(port) || typeof port.hostPort !== 'number' || port.hostPort === 0) return [];
        return [
          {
            path: [...container.path, 'ports', index, 'hostPort'],
            messageId: 'hostPort' as const,
            data: { container: describeContainer(container), port: port.hostPort },
          },
        ];
      }),
    );
  },
});
