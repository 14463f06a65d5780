import { podSpec } from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

/** Each field that shares a node namespace, and its message. */
const NAMESPACES = {
  hostNetwork:
    'the pod shares the node network: it can reach services bound to the node loopback and sniff its traffic',
  hostPID:
    "the pod shares the node's processes: it can see (and signal) every process on the node and read their environment",
  hostIPC:
    "the pod shares the node's IPC namespace: it can read shared memory of other processes on the node",
} as const;

export default defineRule({
  id: 'workload/host-namespaces-not-shared',
  provider: 'workload',
  severity: 'high',
  title: 'Share no host namespace with the pod',
  rationale:
    'hostNetwork, hostPID and hostIPC put the pod in the namespaces of the node itself, removing a layer of ' +
    'isolation: the pod sees host processes, host interfaces and shared memory, and a compromise of the pod ' +
    'reaches everything else on the node. Only node agents (CNI, monitoring) have a reason to use them.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.hostNetwork', '<pod spec>.hostPID', '<pod spec>.hostIPC'],
  hardened: 'hostNetwork, hostPID and hostIPC unset (false)',
  fix: { language: 'yaml', snippet: 'spec:\n  hostNetwork: false\n  hostPID: false\n  hostIPC: false\n' },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline'],
  messages: NAMESPACES,
  check(subject) {
    const spec = podSpec(subject);
    return (Object.keys(NAMESPACES) as (keyof typeof NAMESPACES)[]).flatMap((field) =>
      spec.value[field] === true ? [{ path: [...spec.path, field], messageId: field }] : [],
    );
  },
});
