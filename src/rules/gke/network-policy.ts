import { isAutopilot } from '../../providers/gke/paths.ts';
import { getIn } from '../../util/object.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const ADDON: GcloudFlag[] = [{ flag: '--update-addons', value: 'NetworkPolicy=ENABLED' }];
const ENFORCE: GcloudFlag[] = [{ flag: '--enable-network-policy' }];

export default defineGkeRule({
  id: 'gke/network-policy',
  provider: 'gke',
  severity: 'medium',
  title: 'Enforce Kubernetes NetworkPolicy, with Calico or Dataplane V2',
  rationale:
    'Without an enforcing network plugin, NetworkPolicy objects are accepted and silently ignored, so ' +
    'every pod can reach every other pod. Turning enforcement on early costs little and means the ' +
    'policies you write later actually isolate namespaces. Dataplane V2 enforces policy by itself.',
  targets: ['GkeCluster'],
  paths: ['networkPolicy.enabled', 'networkConfig.datapathProvider'],
  hardened: 'networkPolicy.enabled: true (Calico), or networkConfig.datapathProvider: ADVANCED_DATAPATH',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(ADDON, ENFORCE),
    manual:
      'On an existing cluster the NetworkPolicy add-on must be enabled before enforcement; enforcement ' +
      'recreates the node pools. Dataplane V2 can only be chosen when creating a cluster (--enable-dataplane-v2).',
  },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 4.3.1',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/network-policy',
    'https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2',
  ],
  messages: {
    notEnforced:
      'neither network policy enforcement nor Dataplane V2 is on: NetworkPolicy objects have no effect',
  },
  check(subject) {
    const cluster = subject.value;
    if (isAutopilot(cluster)) return [];
    if (getIn(cluster, ['networkPolicy', 'enabled']) === true) return [];
    if (getIn(cluster, ['networkConfig', 'datapathProvider']) === 'ADVANCED_DATAPATH') return [];
    return [{ path: ['networkPolicy', 'enabled'], messageId: 'notEnforced' }];
  },
  remediation: {
    phase: 1,
    steps: () => [
      {
        kind: 'cluster-update',
        comment: 'Network policy, step 1: the control-plane add-on must be on before enforcement.',
        flags: ADDON,
      },
      {
        kind: 'cluster-update',
        comment: 'Network policy, step 2: enforce it on the nodes (Calico; GKE recreates the node pools).',
        flags: ENFORCE,
      },
    ],
  },
});
