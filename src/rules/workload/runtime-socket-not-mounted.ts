import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';
import {
  hostPathVolumes,
  RUNTIME_SOCKET_DIRECTORIES,
  RUNTIME_SOCKETS,
  runtimeSocket,
} from './_host-paths.ts';

export default defineRule({
  id: 'workload/runtime-socket-not-mounted',
  provider: 'workload',
  severity: 'critical',
  title: 'Mount no container runtime socket',
  rationale:
    'The Docker, containerd or CRI-O socket is the control port of every container on the node: a pod that ' +
    'can reach it starts a privileged container of its own and owns the node, whatever its securityContext ' +
    'says. Build images with a daemonless builder and read container data through the Kubernetes API instead. ' +
    'This rule looks only at hostPath volumes that reach a runtime socket; workload/host-path-not-mounted ' +
    'reports every hostPath volume, these included.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.volumes[].hostPath.path'],
  hardened:
    `no hostPath volume for a runtime socket (${RUNTIME_SOCKETS.join(', ')}, or any docker.sock, containerd.sock, ` +
    `crio.sock or cri-dockerd.sock) or for a directory holding one (${RUNTIME_SOCKET_DIRECTORIES.join(', ')})`,
  fix: {
    language: 'yaml',
    snippet: '# Remove the hostPath volume and its volumeMounts:\nvolumes:\n- name: cache\n  emptyDir: {}\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  messages: {
    socket: 'volume "{{volume}}" mounts {{socket}} from the node: the pod can control the container runtime',
  },
  check(subject) {
    return hostPathVolumes(subject).flatMap((volume) => {
      const socket = runtimeSocket(volume.hostPath);
      if (!socket) return [];
      return [
        {
          path: volume.path,
          messageId: 'socket' as const,
          data: { volume: volume.name, socket },
        },
      ];
    });
  },
});
