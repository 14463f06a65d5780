import { isAutopilot, nodePools } from '../../providers/gke/paths.ts';
import { getIn, type PlainObject } from '../../util/object.ts';
import { commentText } from '../../util/shell.ts';
import type { Violation } from '../types.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag, nodePoolUpdateSnippet } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--enable-private-nodes' }];

/** The cluster default: the current field first, then the deprecated privateClusterConfig one. */
function clusterPrivate(cluster: PlainObject): boolean {
  return (
    getIn(cluster, ['networkConfig', 'defaultEnablePrivateNodes']) === true ||
    getIn(cluster, ['privateClusterConfig', 'enablePrivateNodes']) === true
  );
}

/** Pools that are not private: those overriding the default with false, or inheriting a public default. */
function publicPools(cluster: PlainObject) {
  const byDefault = clusterPrivate(cluster);
  return nodePools(cluster).filter((pool) => {
    const own = getIn(pool.value, ['networkConfig', 'enablePrivateNodes']);
    return own === false || (own !== true && !byDefault);
  });
}

export default defineGkeRule({
  id: 'gke/private-nodes',
  provider: 'gke',
  severity: 'medium',
  title: 'Give nodes internal IP addresses only',
  rationale:
    'Nodes with public addresses are directly reachable from the internet, so every open node port and ' +
    'every kubelet or SSH weakness is exposed. Private nodes reach the internet only through Cloud NAT ' +
    'and are reachable only from inside the VPC.',
  targets: ['GkeCluster'],
  paths: [
    'networkConfig.defaultEnablePrivateNodes',
    'privateClusterConfig.enablePrivateNodes',
    'nodePools[].networkConfig.enablePrivateNodes',
  ],
  hardened:
    'networkConfig.defaultEnablePrivateNodes: true (gcloud --enable-private-nodes), no pool overriding it',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(FLAGS) + nodePoolUpdateSnippet(FLAGS),
    manual: 'Private nodes need Cloud NAT (or another egress) for pulling images from outside Google.',
  },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 5.6.5',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/legacy/network-isolation',
  ],
  check(subject): Violation[] {
    const cluster = subject.value;
    const violations: Violation[] = [];
    if (!clusterPrivate(cluster)) {
      violations.push({
        path: ['networkConfig', 'defaultEnablePrivateNodes'],
        message: 'nodes get public IP addresses by default',
      });
    }
    // With a public default, a pool saying false too is the same problem, already reported.
    if (isAutopilot(cluster) || violations.length > 0) return violations;
    for (const pool of nodePools(cluster)) {
      if (getIn(pool.value, ['networkConfig', 'enablePrivateNodes']) === false) {
        violations.push({
          path: [...pool.path, 'networkConfig', 'enablePrivateNodes'],
          message: `node pool ${pool.name} overrides the cluster default with public nodes`,
        });
      }
    }
    return violations;
  },
  remediation: {
    phase: 1,
    steps(cluster) {
      const steps = [];
      if (!clusterPrivate(cluster)) {
        steps.push({
          kind: 'cluster-update' as const,
          comment: 'Private nodes by default for the cluster (make sure the VPC has Cloud NAT for egress).',
          flags: FLAGS,
        });
      }
      if (!isAutopilot(cluster)) {
        for (const pool of publicPools(cluster)) {
          steps.push({
            kind: 'node-pool-update' as const,
            pool: pool.name,
            comment: commentText`Node pool ${pool.name}: private nodes.`,
            flags: FLAGS,
          });
        }
      }
      return steps;
    },
  },
});
