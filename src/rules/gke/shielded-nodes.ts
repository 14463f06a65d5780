import { isAutopilot } from '../../providers/gke/paths.ts';
import { getIn } from '../../util/object.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--enable-shielded-nodes' }];

export default defineGkeRule({
  id: 'gke/shielded-nodes',
  provider: 'gke',
  severity: 'medium',
  title: 'Run Shielded GKE Nodes',
  rationale:
    'Shielded nodes prove their identity to the control plane with a verifiable virtual TPM, so an ' +
    'attacker who takes over a pod and steals node bootstrap credentials cannot impersonate a node and ' +
    'collect the secrets of workloads scheduled elsewhere.',
  targets: ['GkeCluster'],
  paths: ['shieldedNodes.enabled'],
  hardened: 'shieldedNodes.enabled: true (gcloud --enable-shielded-nodes)',
  fix: { language: 'shell', snippet: clusterUpdateSnippet(FLAGS) },
  fixable: false,
  refs: ['CIS GKE 1.9.0 5.5.5', 'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes'],
  messages: { off: 'shielded GKE nodes are off' },
  check(subject) {
    const cluster = subject.value;
    if (isAutopilot(cluster) || getIn(cluster, ['shieldedNodes', 'enabled']) === true) return [];
    return [{ path: ['shieldedNodes', 'enabled'], messageId: 'off' }];
  },
  remediation: {
    phase: 1,
    steps: () => [
      { kind: 'cluster-update', comment: 'Shielded nodes on (GKE recreates the nodes).', flags: FLAGS },
    ],
  },
});
