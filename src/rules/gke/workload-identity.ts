import { isAutopilot } from '../../providers/gke/paths.ts';
import { getIn } from '../../util/object.ts';
import { shellVar } from '../../util/shell.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [
  {
    flag: '--workload-pool',
    value: shellVar('project', '.svc.id.goog'),
    placeholder: 'PROJECT_ID.svc.id.goog',
  },
];

export default defineGkeRule({
  id: 'gke/workload-identity',
  provider: 'gke',
  severity: 'high',
  title: 'Enable Workload Identity for the cluster',
  rationale:
    'Without Workload Identity, every pod acts with the node service account and can reach its token ' +
    'through the metadata server. Workload Identity gives each Kubernetes service account its own Google ' +
    'identity, so a compromised pod holds only the permissions its workload needs.',
  targets: ['GkeCluster'],
  paths: ['workloadIdentityConfig.workloadPool'],
  hardened: 'workloadIdentityConfig.workloadPool: PROJECT_ID.svc.id.goog',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(FLAGS),
    manual: 'Then switch every node pool to the GKE metadata server (gke/gke-metadata-server).',
  },
  fixable: false,
  refs: ['CIS GKE 1.9.0 5.2.2', 'https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity'],
  messages: { off: 'Workload Identity is off: pods act as the node' },
  check(subject) {
    const cluster = subject.value;
    if (isAutopilot(cluster)) return [];
    const pool = getIn(cluster, ['workloadIdentityConfig', 'workloadPool']);
    if (typeof pool === 'string' && pool !== '') return [];
    return [{ path: ['workloadIdentityConfig', 'workloadPool'], messageId: 'off' }];
  },
  remediation: {
    phase: 1,
    steps: () => [
      {
        kind: 'cluster-update',
        comment: 'Workload Identity on; the pool is named after the project ID (not the project number).',
        flags: FLAGS,
      },
    ],
  },
});
