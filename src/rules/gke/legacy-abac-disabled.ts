import { getIn } from '../../util/object.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--no-enable-legacy-authorization' }];

export default defineGkeRule({
  id: 'gke/legacy-abac-disabled',
  provider: 'gke',
  severity: 'high',
  title: 'Authorize with RBAC only, legacy ABAC off',
  rationale:
    'Legacy attribute-based access control grants broad static permissions alongside RBAC, so any ' +
    'RBAC restriction you write can be sidestepped. With ABAC off, RBAC alone decides who may do what.',
  targets: ['GkeCluster'],
  paths: ['legacyAbac.enabled'],
  hardened: 'legacyAbac: {} (disabled; gcloud --no-enable-legacy-authorization)',
  fix: { language: 'shell', snippet: clusterUpdateSnippet(FLAGS) },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 5.8.3',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/role-based-access-control',
  ],
  messages: { on: 'legacy ABAC authorization is on next to RBAC' },
  check(subject) {
    if (getIn(subject.value, ['legacyAbac', 'enabled']) !== true) return [];
    return [{ path: ['legacyAbac', 'enabled'], messageId: 'on' }];
  },
  remediation: {
    phase: 1,
    steps: () => [{ kind: 'cluster-update', comment: 'Turn legacy ABAC off.', flags: FLAGS }],
  },
});
