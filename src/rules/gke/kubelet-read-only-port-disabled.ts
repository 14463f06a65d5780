import type { DocPath, Subject } from '../../model.ts';
import { isAutopilot, isCreateRequest, nodePools } from '../../providers/gke/paths.ts';
import { getIn } from '../../util/object.ts';
import { commentText } from '../../util/shell.ts';
import type { RuleViolation } from '../types.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag, nodePoolUpdateSnippet } from './_gcloud.ts';

const messages = {
  open: '{{where}}: the kubelet read-only port 10255 is open',
  inheritsVersionDefault:
    "{{where}}: no read-only port setting of its own; nodePoolDefaults closes the port only for node pools created later, so this pool keeps its GKE version's default, which kept it open on older versions",
  versionDefault:
    '{{where}}: the kubelet read-only port is left to the GKE version default, which kept it open on older versions',
} as const;

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
  /** A pool of an existing cluster with no setting of its own while the new-pool default closes the port. */
  predatesDefault?: boolean;
}

/**
 * Where the read-only port is not explicitly closed. `nodePoolDefaults` holds "the defaults for new
 * node-pools" (NodeConfigDefaults.nodeKubeletConfig, container_v1_messages.py in gcloud 528): GKE
 * writes the value into a pool when it creates it (every describe sample that has the default shows
 * it on the pools as well), so in describe output a pool's own kubeletConfig decides, and a pool
 * without one runs its GKE version's default. Only the pools of a clusters.create request are new
 * and take the default. Autopilot nodes follow `nodePoolAutoConfig`.
 */
function openPorts(subject: Subject): OpenPort[] {
  const cluster = subject.value;
  if (isAutopilot(cluster)) {
    const value = getIn(cluster, AUTOPILOT_DEFAULT);
    return value === false ? [] : [{ path: AUTOPILOT_DEFAULT, value }];
  }
  const clusterDefault = getIn(cluster, CLUSTER_DEFAULT);
  const pools = nodePools(cluster);
  const creating = isCreateRequest(subject);
  const open: OpenPort[] = [];
  // The default for pools created later: open, or (with no pool to look at) not closed.
  if (clusterDefault === true || (pools.length === 0 && clusterDefault !== false))
    open.push({ path: CLUSTER_DEFAULT, value: clusterDefault });
  for (const pool of pools) {
    const own = getIn(pool.value, ['config', 'kubeletConfig', FIELD]);
    if (own === false) continue;
    if (own === undefined && creating) {
      if (clusterDefault !== false) open.push({ path: CLUSTER_DEFAULT, value: clusterDefault });
      continue;
    }
    open.push({
      path: [...pool.path, 'config', 'kubeletConfig', FIELD],
      value: own,
      pool: pool.name,
      predatesDefault: own === undefined && clusterDefault === false,
    });
  }
  return open;
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
    manual:
      'The cluster-wide setting is the default for node pools created later; existing pools need their own ' +
      `node-pools update. Autopilot: ${clusterUpdateSnippet(AUTOPILOT_FLAGS).trim()}`,
  },
  fixable: false,
  refs: [
    'CIS GKE 1.6.0 3.2.4',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/disable-kubelet-readonly-port',
  ],
  messages,
  check(subject) {
    // Several pools inheriting one open cluster default are one problem at one place.
    const seen = new Set<string>();
    return openPorts(subject).flatMap(
      ({ path, value, pool, predatesDefault }): RuleViolation<typeof messages, false>[] => {
        const key = path.join('.');
        if (seen.has(key)) return [];
        seen.add(key);
        const where =
          pool && path[0] === 'nodePools'
            ? `node pool ${pool}`
            : path[0] === 'nodePoolAutoConfig'
              ? 'Autopilot nodes'
              : 'the default for new node pools';
        if (value === true) return [{ path, messageId: 'open', data: { where } }];
        return [
          {
            path,
            severity: 'low',
            messageId: predatesDefault ? 'inheritsVersionDefault' : 'versionDefault',
            data: { where },
          },
        ];
      },
    );
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
