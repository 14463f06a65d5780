import { isAutopilot, nodePools } from '../../providers/gke/paths.ts';
import { getIn, type PlainObject } from '../../util/object.ts';
import { commentText } from '../../util/shell.ts';
import { defineGkeRule, type GcloudFlag, nodePoolUpdateSnippet } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--workload-metadata', value: 'GKE_METADATA' }];

function exposedPools(cluster: PlainObject) {
  return nodePools(cluster).filter(
    (pool) => getIn(pool.value, ['config', 'workloadMetadataConfig', 'mode']) !== 'GKE_METADATA',
  );
}

export default defineGkeRule({
  id: 'gke/gke-metadata-server',
  provider: 'gke',
  severity: 'high',
  title: 'Serve pods the GKE metadata server on every node pool',
  rationale:
    'The Compute Engine metadata server hands any pod the node service account token and the node ' +
    'bootstrap attributes. The GKE metadata server answers pods with their own Workload Identity and ' +
    'hides the node credentials.',
  targets: ['GkeCluster'],
  paths: ['nodePools[].config.workloadMetadataConfig.mode'],
  hardened: 'workloadMetadataConfig.mode: GKE_METADATA on every pool (needs Workload Identity)',
  fix: { language: 'shell', snippet: nodePoolUpdateSnippet(FLAGS) },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 5.4.1',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata',
  ],
  messages: {
    computeMetadata: 'node pool {{pool}}: pods reach the Compute Engine metadata server ({{mode}})',
  },
  check(subject) {
    if (isAutopilot(subject.value)) return [];
    return exposedPools(subject.value).map((pool) => {
      const mode = getIn(pool.value, ['config', 'workloadMetadataConfig', 'mode']);
      return {
        path: [...pool.path, 'config', 'workloadMetadataConfig', 'mode'],
        messageId: 'computeMetadata' as const,
        data: { pool: pool.name, mode: typeof mode === 'string' ? mode : 'mode not set' },
      };
    });
  },
  remediation: {
    // After Workload Identity (phase 1): the server refuses GKE_METADATA without a workload pool.
    phase: 2,
    steps: (cluster) =>
      exposedPools(cluster).map((pool) => ({
        kind: 'node-pool-update' as const,
        pool: pool.name,
        comment: commentText`Node pool ${pool.name}: serve the GKE metadata server (recreates its nodes).`,
        flags: FLAGS,
      })),
  },
});
