import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';
import { hostPathVolumes, runtimeSocket } from './_host-paths.ts';

/** Host paths whose contents give away the node: reported as high. */
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
  return SENSITIVE.some((prefix) => hostPath === prefix || hostPath.startsWith(`${prefix}/`));
}

export default defineRule({
  id: 'workload/host-path-not-mounted',
  provider: 'workload',
  severity: 'high',
  title: 'Mount no directory of the node into the pod',
  rationale:
    "A hostPath volume reaches outside the container into the node: kubelet credentials, other pods' data, " +
    'the host /proc. Writable, it lets a pod plant files the node will run. Use emptyDir, ConfigMaps, Secrets ' +
    'or persistent volumes; only node agents have a reason to mount host paths, read-only where possible.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.volumes[].hostPath'],
  hardened: 'no hostPath volumes (emptyDir, configMap, secret or persistentVolumeClaim instead)',
  fix: {
    language: 'yaml',
    snippet: 'volumes:\n- name: scratch\n  emptyDir: {}\n',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/concepts/storage/volumes/#hostpath'],
  check(subject) {
    // Runtime sockets (and their parent directories) are reported by workload/runtime-socket-not-mounted.
    return hostPathVolumes(subject)
      .filter((volume) => runtimeSocket(volume.hostPath) === undefined)
      .map((volume) => ({
        path: volume.path,
        message: `volume "${volume.name}" mounts ${volume.hostPath} from the node`,
        severity: isSensitive(volume.hostPath) ? ('high' as const) : ('medium' as const),
      }));
  },
});
