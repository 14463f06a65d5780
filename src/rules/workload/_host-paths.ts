import type { DocPath } from '../../model.ts';
import { podSpec } from '../../providers/workload/pod.ts';
import { asArray, getIn } from '../../util/object.ts';

export interface HostPathVolume {
  name: string;
  /** Normalised: no trailing slash, repeated slashes collapsed. */
  hostPath: string;
  path: DocPath;
}

export function hostPathVolumes(subject: Parameters<typeof podSpec>[0]): HostPathVolume[] {
  const spec = podSpec(subject);
  return asArray(spec.value.volumes).flatMap((volume, index) => {
    const path = getIn(volume, ['hostPath', 'path']);
    if (typeof path !== 'string') return [];
    const name = getIn(volume, ['name']);
    const normalised = path.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
    return [
      {
        name: typeof name === 'string' ? name : `#${index}`,
        hostPath: normalised,
        path: [...spec.path, 'volumes', index, 'hostPath', 'path'],
      },
    ];
  });
}

/** Sockets through which a pod can drive the container runtime. */
export const RUNTIME_SOCKETS = [
  '/var/run/docker.sock',
  '/run/docker.sock',
  '/var/run/containerd/containerd.sock',
  '/run/containerd/containerd.sock',
  '/var/run/crio/crio.sock',
  '/run/crio/crio.sock',
  '/var/run/cri-dockerd.sock',
  '/run/cri-dockerd.sock',
] as const;

/** Every directory that holds one of the sockets above, from `/` down: mounting one exposes the socket. */
export const RUNTIME_SOCKET_DIRECTORIES: readonly string[] = [
  ...new Set(
    RUNTIME_SOCKETS.flatMap((socket) => {
      const parts = socket.split('/').slice(1, -1);
      return ['/', ...parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}`)];
    }),
  ),
];

/** A socket file named like one of the runtimes' (`…/docker.sock`, `…/containerd.sock`), wherever it lives. */
const RUNTIME_SOCKET_NAME = /\/(docker|containerd|crio|cri-dockerd)\.sock$/;

/** The runtime socket a host path exposes, or undefined. A parent directory exposes the socket too. */
export function runtimeSocket(hostPath: string): string | undefined {
  if ((RUNTIME_SOCKETS as readonly string[]).includes(hostPath)) return hostPath;
  if (RUNTIME_SOCKET_DIRECTORIES.includes(hostPath)) return `the runtime sockets under ${hostPath}`;
  if (RUNTIME_SOCKET_NAME.test(hostPath)) return hostPath;
  return undefined;
}
