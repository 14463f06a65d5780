import { getIn } from '../../util/object.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--no-enable-basic-auth' }];

export default defineGkeRule({
  id: 'gke/basic-auth-disabled',
  provider: 'gke',
  severity: 'critical',
  title: 'Authenticate without a static basic-auth password',
  rationale:
    'A static username and password never expire, cannot be scoped, and bypass Google identity, so a ' +
    'leaked password is cluster-admin until someone notices. GKE removed basic authentication in ' +
    'version 1.19: a cluster that still has it runs a version long out of support.',
  targets: ['GkeCluster'],
  paths: ['masterAuth.username', 'masterAuth.password'],
  hardened: 'masterAuth without username or password (the only option on supported GKE versions)',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(FLAGS),
    manual:
      'Basic auth no longer exists on supported GKE versions, so new clusters need no flag for it. A cluster ' +
      'that still has a password runs an unsupported version: remove the password, then upgrade.',
  },
  fixable: false,
  refs: [
    'CIS GKE 1.4.0 5.8.1',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/api-server-authentication',
  ],
  messages: {
    set: 'masterAuth.{{field}} is set: the API server accepts a static basic-auth password',
  },
  check(subject) {
    return (['username', 'password'] as const).flatMap((field) => {
      const value = getIn(subject.value, ['masterAuth', field]);
      if (typeof value !== 'string' || value === '') return [];
      return [{ path: ['masterAuth', field], messageId: 'set' as const, data: { field } }];
    });
  },
  remediation: {
    phase: 1,
    steps: () => [
      {
        kind: 'cluster-update',
        comment:
          'Remove the basic-auth user. Basic auth was removed in GKE 1.19, so this cluster also needs an upgrade.',
        flags: FLAGS,
      },
    ],
  },
});
