import type { DocPath } from '../../model.ts';
import { asArray, getIn, isObject, type PlainObject } from '../../util/object.ts';

/**
 * Where GKE settings live in a Cluster resource. The API omits defaults (proto3 JSON): an absent
 * boolean is false and `legacyAbac: {}` means disabled, so rules read `getIn(...) === true` and
 * never treat absence as unknown.
 */

/**
 * The subject is the cluster of a `clusters.create` request body (`{cluster: {...}, parent}`): its node
 * pools are about to be created, where describe output shows pools that already exist.
 */
export function isCreateRequest(subject: { base: DocPath }): boolean {
  return subject.base.length === 1 && subject.base[0] === 'cluster';
}

/** Autopilot fixes Workload Identity, shielded nodes, Dataplane V2 and more; rules skip what it enforces. */
export function isAutopilot(cluster: PlainObject): boolean {
  return getIn(cluster, ['autopilot', 'enabled']) === true;
}

export const AUTHORIZED_NETWORKS_PATH: DocPath = [
  'controlPlaneEndpointsConfig',
  'ipEndpointsConfig',
  'authorizedNetworksConfig',
];
export const LEGACY_AUTHORIZED_NETWORKS_PATH: DocPath = ['masterAuthorizedNetworksConfig'];

/**
 * The authorized-networks config: the current `controlPlaneEndpointsConfig` location first, then
 * the deprecated top-level field that older responses carry alone.
 */
export function authorizedNetworks(cluster: PlainObject): { path: DocPath; config: PlainObject | undefined } {
  for (const path of [AUTHORIZED_NETWORKS_PATH, LEGACY_AUTHORIZED_NETWORKS_PATH]) {
    const config = getIn(cluster, path);
    if (isObject(config)) return { path, config };
  }
  return { path: AUTHORIZED_NETWORKS_PATH, config: undefined };
}

/** The CIDR blocks of the authorized-networks config, with their paths. */
export function authorizedCidrs(cluster: PlainObject): { cidr: string; path: DocPath }[] {
  const { path, config } = authorizedNetworks(cluster);
  return asArray(config?.cidrBlocks).flatMap((block, index) => {
    const cidr = getIn(block, ['cidrBlock']);
    return typeof cidr === 'string' ? [{ cidr, path: [...path, 'cidrBlocks', index, 'cidrBlock'] }] : [];
  });
}

/** Nodes are private by default: the current field first, then the deprecated privateClusterConfig one. */
export function privateNodesByDefault(cluster: PlainObject): boolean {
  return (
    getIn(cluster, ['networkConfig', 'defaultEnablePrivateNodes']) === true ||
    getIn(cluster, ['privateClusterConfig', 'enablePrivateNodes']) === true
  );
}

/**
 * The pools whose nodes get public IP addresses: those overriding the default with false, or
 * inheriting a public default. Autopilot has no pools of its own to override the default.
 */
export function publicNodePools(cluster: PlainObject): NodePool[] {
  const byDefault = privateNodesByDefault(cluster);
  return nodePools(cluster).filter((pool) => {
    const own = getIn(pool.value, ['networkConfig', 'enablePrivateNodes']);
    return own === false || (own !== true && !byDefault);
  });
}

/** Some nodes have public IP addresses (a public default, or a Standard pool overriding it). */
export function hasPublicNodes(cluster: PlainObject): boolean {
  if (!privateNodesByDefault(cluster)) return true;
  return !isAutopilot(cluster) && publicNodePools(cluster).length > 0;
}

export interface NodePool {
  index: number;
  name: string;
  value: PlainObject;
  path: DocPath;
}

/** Every node pool: checks must cover all of them, not only the first as some benchmarks' audits do. */
export function nodePools(cluster: PlainObject): NodePool[] {
  return asArray(cluster.nodePools).flatMap((pool, index) =>
    isObject(pool)
      ? [
          {
            index,
            name: typeof pool.name === 'string' ? pool.name : `#${index}`,
            value: pool,
            path: ['nodePools', index],
          },
        ]
      : [],
  );
}

/** Where a cluster lives, as far as the resource says: for the `--project`/`--location` of a command. */
export interface ClusterRef {
  name: string;
  project?: string;
  location?: string;
}

export function clusterRef(cluster: PlainObject, document?: unknown): ClusterRef {
  const name = String(cluster.name);
  const link =
    (typeof cluster.selfLink === 'string' ? cluster.selfLink : undefined) ??
    (isObject(document) && typeof document.parent === 'string' ? document.parent : undefined);
  const match = link?.match(/projects\/([^/]+)\/(?:locations|zones)\/([^/]+)/);
  const location =
    (typeof cluster.location === 'string' ? cluster.location : undefined) ??
    (typeof cluster.zone === 'string' ? cluster.zone : undefined) ??
    match?.[2];
  const ref: ClusterRef = { name };
  if (match?.[1]) ref.project = match[1];
  if (location) ref.location = location;
  return ref;
}
