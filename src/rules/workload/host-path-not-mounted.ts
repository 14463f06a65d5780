import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';
import { hostPathVolumes, runtimeSocket } from './_host-paths.ts';

/** Host paths whose contents give away the node: reported as high, as is any directory holding one. */
const SENSITIVE = [
  '/proc',
  '/sys',
  '/etc',
  '/root',
  '/home',
  '/boot',
  '/dev',
  '/var/lib/kubelet',
  '/var/lib/etcd',
  '/var/log',
];

function isSensitive(hostPath: string): boolean {
  const dir = hostPath === '/' ? '/' : `${hostPath}/`;
  return SENSITIVE.some(
    (sensitive) =>
      hostPath === sensitive || hostPath.startsWith(`${sensitive}/`) || sensitive.startsWith(dir),
  );
}

export default defineRule({
  id: 'workload/host-path-not-mounted',
  provider: 'workload',
  severity: 'high',
  title: 'Mount no directory of the node into the pod',
  rationale:
    "A hostPath volume reaches outside the container into the node: kubelet credentials, other pods' data, " +
    'the host /proc. Writable, it lets a pod plant files the node will run. Use emptyDir, ConfigMaps, Secrets ' +
    'or persistent volumes; only node agents have a reason to mount host paths, read-only where possible. ' +
    'This rule reports every hostPath volume, whatever it mounts; a container runtime socket, or a directory ' +
    'holding one such as /, is also reported, as critical, by workload/runtime-socket-not-mounted.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.volumes[].hostPath'],
  hardened:
    'no hostPath volume, whatever its path (emptyDir, configMap, secret or persistentVolumeClaim instead); ' +
    `high for ${SENSITIVE.join(', ')}, a directory holding one of them (/, /var, …) or a runtime socket, medium for any other path`,
  fix: {
    language: 'yaml',
    snippet: 'volumes:\n- name: scratch\n  emptyDir: {}\n',
  },
  fixable: false,
  refs: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/#baseline',
  ],
  messages: {
    hostPath: 'volume "{{volume}}" mounts {{hostPath}} from the node',
    root: 'volume "{{volume}}" mounts {{hostPath}} from the node: the node\'s whole file system, runtime sockets included',
    runtimeSocket: 'volume "{{volume}}" mounts {{hostPath}} from the node: a container runtime socket',
    aboveRuntimeSocket:
      'volume "{{volume}}" mounts {{hostPath}} from the node, with the runtime sockets under it',
  },
  check(subject) {
    return hostPathVolumes(subject).map((volume) => {
      const socket = runtimeSocket(volume.hostPath);
      const messageId =
        volume.hostPath === '/'
          ? ('root' as const)
          : socket === volume.hostPath
            ? ('runtimeSocket' as const)
            : socket
              ? ('aboveRuntimeSocket' as const)
              : ('hostPath' as const);
      return {
        path: volume.path,
        messageId,
        data: { volume: volume.name, hostPath: volume.hostPath },
        severity: isSensitive(volume.hostPath) || socket ? ('high' as const) : ('medium' as const),
      };
    });
  },
});
