import { isAutopilot, nodePools, privateNodesByDefault, publicNodePools } from '../../providers/gke/paths.ts';
import { getIn } from '../../util/object.ts';
import { commentText } from '../../util/shell.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag, nodePoolUpdateSnippet } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--enable-private-nodes' }];

export default defineGkeRule({
  id: 'gke/private-nodes',
  provider: 'gke',
  severity: 'medium',
  title: 'Give nodes internal IP addresses only',
  rationale:
    'Nodes with public addresses are directly reachable from the internet, so every open node port and ' +
    'every kubelet or SSH weakness is exposed. Private nodes reach the internet only through Cloud NAT ' +
    'and are reachable only from inside the VPC. Public nodes also widen the control plane allowlist: ' +
    "gcloud's help for --enable-master-authorized-networks says that without private nodes Compute " +
    'Engine public IPs are let in besides the authorized networks.',
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
  messages: {
    publicByDefault:
      'nodes get public IP addresses by default, and without private nodes gcloud documents that Compute Engine public IPs reach the control plane besides the authorized networks',
    publicPool:
      'node pool {{pool}} overrides the cluster default with public nodes, reachable from the internet',
  },
  check(subject) {
    const cluster = subject.value;
    if (!privateNodesByDefault(cluster)) {
      return [{ path: ['networkConfig', 'defaultEnablePrivateNodes'], messageId: 'publicByDefault' }];
    }
    // With a public default, a pool saying false too is the same problem, already reported.
    if (isAutopilot(cluster)) return [];
    return nodePools(cluster)
      .filter((pool) => getIn(pool.value, ['networkConfig', 'enablePrivateNodes']) === false)
      .map((pool) => ({
        path: [...pool.path, 'networkConfig', 'enablePrivateNodes'],
        messageId: 'publicPool' as const,
        data: { pool: pool.name },
      }));
  },
  remediation: {
    phase: 1,
    steps(cluster) {
      const steps = [];
      if (!privateNodesByDefault(cluster)) {
        steps.push({
          kind: 'cluster-update' as const,
          comment: 'Private nodes by default for the cluster (make sure the VPC has Cloud NAT for egress).',
          flags: FLAGS,
        });
      }
      if (!isAutopilot(cluster)) {
        for (const pool of publicNodePools(cluster)) {
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
