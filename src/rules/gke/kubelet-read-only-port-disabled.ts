import { isAutopilot, nodePools } from '../../providers/gke/paths.ts';
import { getIn, type PlainObject } from '../../util/object.ts';
import { commentText } from '../../util/shell.ts';
import type { DocPath, Violation } from '../types.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag, nodePoolUpdateSnippet } from './_gcloud.ts';

const FIELD = 'insecureKubeletReadonlyPortEnabled';
const CLUSTER_DEFAULT: DocPath = ['nodePoolDefaults', 'nodeConfigDefaults', 'nodeKubeletConfig', FIELD];
const AUTOPILOT_DEFAULT: DocPath = ['nodePoolAutoConfig', 'nodeKubeletConfig', FIELD];
const FLAGS: GcloudFlag[] = [{ flag: '--no-enable-insecure-kubelet-readonly-port' }];
const AUTOPILOT_FLAGS: GcloudFlag[] = [
  { flag: '--no-autoprovisioning-enable-insecure-kubelet-readonly-port' },
];

interface OpenPort {
  path: DocPath;
  /** true: explicitly open; undefined: left to the GKE version default. */
  value: unknown;
  pool?: string;
}

/**
 * Where the read-only port is not explicitly closed. A pool's own kubeletConfig wins over the
 * cluster default (`nodePoolDefaults`); Autopilot nodes follow `nodePoolAutoConfig`.
 */
function openPorts(cluster: PlainObject): OpenPort[] {
  if (isAutopilot(cluster)) {
    const value = getIn(cluster, AUTOPILOT_DEFAULT);
    return value === false ? [] : [{ path: AUTOPILOT_DEFAULT, value }];
  }
  const clusterDefault = getIn(cluster, CLUSTER_DEFAULT);
  const pools = nodePools(cluster);
  if (pools.length === 0)
    return clusterDefault === false ? [] : [{ path: CLUSTER_DEFAULT, value: clusterDefault }];
  return pools.flatMap((pool) => {
    const own = getIn(pool.value, ['config', 'kubeletConfig', FIELD]);
    const value = own ?? clusterDefault;
    if (value === false) return [];
    const path =
      own === undefined && clusterDefault !== undefined
        ? CLUSTER_DEFAULT
        : [...pool.path, 'config', 'kubeletConfig', FIELD];
    return [{ path, value, pool: pool.name }];
  });
}

export default defineGkeRule({
  id: 'gke/kubelet-read-only-port-disabled',
  provider: 'gke',
  severity: 'medium',
  title: 'Close the kubelet read-only port 10255 on every node',
  rationale:
    'The read-only port serves pod specs, environment and node details over plain HTTP to anyone who ' +
    'can reach the node, without authentication. Anything it offers is available on the authenticated ' +
    'port 10250, so closing it costs nothing but the leak.',
  targets: ['GkeCluster'],
  paths: [
    'nodePools[].config.kubeletConfig.insecureKubeletReadonlyPortEnabled',
    'nodePoolDefaults.nodeConfigDefaults.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled',
    'nodePoolAutoConfig.nodeKubeletConfig.insecureKubeletReadonlyPortEnabled',
  ],
  hardened: 'insecureKubeletReadonlyPortEnabled: false (gcloud --no-enable-insecure-kubelet-readonly-port)',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(FLAGS) + nodePoolUpdateSnippet(FLAGS),
    manual: `Autopilot: ${clusterUpdateSnippet(AUTOPILOT_FLAGS).trim()}`,
  },
  fixable: false,
  refs: [
    'CIS GKE 1.6.0 3.2.4',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/disable-kubelet-readonly-port',
  ],
  check(subject): Violation[] {
    // Several pools inheriting one open cluster default are one problem at one place.
    const seen = new Set<string>();
    return openPorts(subject.value).flatMap(({ path, value, pool }) => {
      const key = path.join('.');
      if (seen.has(key)) return [];
      seen.add(key);
      const where =
        pool && path[0] === 'nodePools'
          ? `node pool ${pool}`
          : path[0] === 'nodePoolAutoConfig'
            ? 'Autopilot nodes'
            : 'the node pool default';
      return value === true
        ? [{ path, message: `${where}: the kubelet read-only port 10255 is open` }]
        : [
            {
              path,
              severity: 'low' as const,
              message: `${where}: the kubelet read-only port is left to the GKE version default, which kept it open on older versions`,
            },
          ];
    });
  },
  remediation: {
    phase: 1,
    steps(cluster) {
      if (isAutopilot(cluster)) {
        return [
          {
            kind: 'cluster-update',
            comment: 'Close the kubelet read-only port on Autopilot nodes.',
            flags: AUTOPILOT_FLAGS,
          },
        ];
      }
      const steps = [];
      if (getIn(cluster, CLUSTER_DEFAULT) !== false) {
        steps.push({
          kind: 'cluster-update' as const,
          comment: 'Close the kubelet read-only port by default, for new node pools.',
          flags: FLAGS,
        });
      }
      for (const pool of nodePools(cluster)) {
        if (getIn(pool.value, ['config', 'kubeletConfig', FIELD]) === false) continue;
        steps.push({
          kind: 'node-pool-update' as const,
          pool: pool.name,
          comment: commentText`Node pool ${pool.name}: close the kubelet read-only port.`,
          flags: FLAGS,
        });
      }
      return steps;
    },
  },
});
