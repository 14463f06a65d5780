import type { DocPath } from '../../model.ts';
import { containersOf, describeContainer } from '../../providers/workload/pod.ts';
import { getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

/** Where a container names something for the kubelet to connect to: probes, then lifecycle hooks. */
const HANDLERS: readonly DocPath[] = [
  ['livenessProbe'],
  ['readinessProbe'],
  ['startupProbe'],
  ['lifecycle', 'postStart'],
  ['lifecycle', 'preStop'],
];

export default defineRule({
  id: 'workload/probe-host-not-set',
  provider: 'workload',
  severity: 'medium',
  title: 'Let probes and lifecycle hooks reach only the pod itself',
  rationale:
    'The kubelet runs httpGet and tcpSocket probes and lifecycle hooks from the node. Without a host it ' +
    "connects to the pod's own address; with one, a pod spec can point the kubelet at anything the node can " +
    'reach, such as services listening on the node loopback or internal endpoints, and use it to probe ' +
    'them. The baseline Pod Security profile refuses the field since Kubernetes 1.34.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].{livenessProbe,readinessProbe,startupProbe}.{httpGet,tcpSocket}.host',
    '<pod spec>.{containers,initContainers,ephemeralContainers}[].lifecycle.{postStart,preStop}.{httpGet,tcpSocket}.host',
  ],
  hardened: 'host unset: the kubelet connects to the pod IP',
  fix: {
    language: 'yaml',
    snippet:
      'livenessProbe:\n  httpGet: # no host: the kubelet calls the pod itself\n    path: /healthz\n    port: 8080\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  messages: { host: '{{container}} sends its {{probe}} {{action}} to {{host}}, not to the pod' },
  check(subject) {
    return containersOf(subject).flatMap((container) =>
      HANDLERS.flatMap((handler) =>
        (['httpGet', 'tcpSocket'] as const).flatMap((action) => {
          const host = getIn(container.value, [...handler, action, 'host']);
          if (typeof host !== 'string' || host === '') return [];
          return [
            {
              path: [...container.path, ...handler, action, 'host'],
              messageId: 'host' as const,
              data: { container: describeContainer(container), probe: handler.join('.'), action, host },
            },
          ];
        }),
      ),
    );
  },
});
