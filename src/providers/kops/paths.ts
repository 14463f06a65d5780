import type { DocPath, Subject } from '../../model.ts';
import { getIn, hasKey, isObject } from '../../util/object.ts';

/**
 * Where kops settings live. v1alpha3 moved several fields (`spec.kubernetesApiAccess` became
 * `spec.api.access`, `spec.topology` moved under `spec.networking`), so rules ask here instead
 * of hard-coding one version's path.
 */
export interface Located {
  path: DocPath;
  value: unknown;
  present: boolean;
}

function locate(value: unknown, path: DocPath): Located {
  const parent = getIn(value, path.slice(0, -1));
  const key = path[path.length - 1];
  const present = typeof key === 'string' ? hasKey(parent, key) : Array.isArray(parent);
  return { path, value: getIn(value, path), present };
}

export function isV1alpha3(subject: Subject): boolean {
  return subject.value.apiVersion === 'kops.k8s.io/v1alpha3';
}

/** The first of the candidate paths that is present, else the one the document's version uses. */
function firstPresent(subject: Subject, v1alpha2: DocPath, v1alpha3: DocPath): Located {
  const a = locate(subject.value, v1alpha2);
  if (a.present) return a;
  const b = locate(subject.value, v1alpha3);
  if (b.present) return b;
  return isV1alpha3(subject) ? b : a;
}

export const kopsPaths = {
  apiAccess: (s: Subject) => firstPresent(s, ['spec', 'kubernetesApiAccess'], ['spec', 'api', 'access']),
  sshAccess: (s: Subject) => locate(s.value, ['spec', 'sshAccess']),
  nodePortAccess: (s: Subject) => locate(s.value, ['spec', 'nodePortAccess']),
  topology: (s: Subject) => firstPresent(s, ['spec', 'topology'], ['spec', 'networking', 'topology']),
  subnets: (s: Subject) => firstPresent(s, ['spec', 'subnets'], ['spec', 'networking', 'subnets']),
  controlPlaneKubelet: (s: Subject) =>
    firstPresent(s, ['spec', 'masterKubelet'], ['spec', 'controlPlaneKubelet']),
  kubelet: (s: Subject) => locate(s.value, ['spec', 'kubelet']),
  kubeAPIServer: (s: Subject) => locate(s.value, ['spec', 'kubeAPIServer']),
  authorization: (s: Subject) => locate(s.value, ['spec', 'authorization']),
  networking: (s: Subject) => locate(s.value, ['spec', 'networking']),
  fileAssets: (s: Subject) => locate(s.value, ['spec', 'fileAssets']),
  etcdClusters: (s: Subject) => locate(s.value, ['spec', 'etcdClusters']),
  encryptionConfig: (s: Subject) => locate(s.value, ['spec', 'encryptionConfig']),
  kubernetesVersion: (s: Subject) => locate(s.value, ['spec', 'kubernetesVersion']),
  instanceMetadata: (s: Subject) => locate(s.value, ['spec', 'instanceMetadata']),
  rootVolumeEncryption: (s: Subject) =>
    firstPresent(s, ['spec', 'rootVolumeEncryption'], ['spec', 'rootVolume', 'encryption']),
  cloudProvider: (s: Subject): string | undefined => {
    const cp = getIn(s.value, ['spec', 'cloudProvider']);
    if (typeof cp === 'string') return cp;
    // v1alpha3 writes the provider as a map key: `cloudProvider: { aws: {} }`.
    if (isObject(cp)) return Object.keys(cp)[0];
    return undefined;
  },
} as const;

/** Networking provider keys in either version, mapped to one canonical name. */
const NETWORKING_ALIASES: Record<string, string> = {
  kuberouter: 'kuberouter',
  kubeRouter: 'kuberouter',
  amazonvpc: 'amazonvpc',
  amazonVPC: 'amazonvpc',
  gce: 'gce',
  gcp: 'gce',
};

/** Keys under `spec.networking` that are settings, not the choice of CNI. */
const NETWORKING_SETTINGS = new Set([
  'topology',
  'subnets',
  'networkCIDR',
  'networkID',
  'additionalNetworkCIDRs',
  'nonMasqueradeCIDR',
  'podCIDR',
  'serviceClusterIPRange',
  'isolateControlPlane',
  'egressProxy',
  'tagSubnets',
]);

export interface NetworkingChoice {
  /** Canonical provider name (`calico`, `cilium`, `kuberouter`, `amazonvpc`, …). */
  name: string;
  /** The key as written. */
  key: string;
  config: unknown;
  path: DocPath;
}

export function networkingProviders(subject: Subject): NetworkingChoice[] {
  const networking = getIn(subject.value, ['spec', 'networking']);
  if (!isObject(networking)) return [];
  return Object.keys(networking)
    .filter((key) => !NETWORKING_SETTINGS.has(key))
    .map((key) => ({
      name: NETWORKING_ALIASES[key] ?? key,
      key,
      config: networking[key],
      path: ['spec', 'networking', key],
    }));
}

/** `v1.28.3`, `1.28`, `1.28.0-beta.1` → [1, 28]; undefined when not a plain version (e.g. a channel URL). */
export function kubernetesMinor(subject: Subject): [number, number] | undefined {
  const version = getIn(subject.value, ['spec', 'kubernetesVersion']);
  if (typeof version !== 'string') return undefined;
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

/** Control-plane InstanceGroup roles: `Master` (v1alpha2 input) and `ControlPlane`. */
export function isControlPlaneRole(role: unknown): boolean {
  return role === 'Master' || role === 'ControlPlane';
}
