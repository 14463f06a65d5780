import { getIn } from '../../util/object.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--anonymous-authentication-config', value: 'LIMITED' }];

export default defineGkeRule({
  id: 'gke/anonymous-authentication-limited',
  provider: 'gke',
  severity: 'medium',
  title: 'Answer anonymous requests only on the health endpoints',
  rationale:
    'With anonymous authentication enabled (the Kubernetes default), the API server serves a request ' +
    'without credentials as system:anonymous in the group system:unauthenticated, on every endpoint. RBAC ' +
    'is then all that stands between the internet and the API: one binding to system:anonymous or ' +
    'system:unauthenticated hands what it grants to anyone who reaches the control plane. LIMITED ' +
    'answers anonymous requests only on /healthz, /livez and /readyz and rejects every other one.',
  targets: ['GkeCluster'],
  paths: ['anonymousAuthenticationConfig.mode'],
  hardened: 'anonymousAuthenticationConfig.mode: LIMITED (gcloud --anonymous-authentication-config LIMITED)',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(FLAGS),
    manual:
      'The same flag works on clusters create and create-auto. Check first that nothing calls the API ' +
      'anonymously beyond the health endpoints (a monitor reading /version, for example).',
  },
  fixable: false,
  refs: [
    'CIS Kubernetes 2.1.0 1.2.1',
    'https://cloud.google.com/sdk/gcloud/reference/container/clusters/update',
    'https://www.kubernetes.dev/resources/keps/4633/',
  ],
  messages: {
    enabled:
      'anonymous authentication is ENABLED: every endpoint serves unauthenticated requests as system:anonymous, so a single RBAC binding to system:unauthenticated opens the API to anyone who reaches it',
    notLimited:
      'anonymous authentication is not limited (mode {{mode}}): the API server serves unauthenticated requests on every endpoint, the Kubernetes default',
  },
  check(subject) {
    // AnonymousAuthenticationConfig.mode (gcloud 528, container_v1_messages.py): ENABLED "allowed for
    // all endpoints", LIMITED "allowed for only health check endpoints". Describe output omits the
    // field on clusters that predate it; the API server then keeps the Kubernetes default (enabled).
    const mode = getIn(subject.value, ['anonymousAuthenticationConfig', 'mode']);
    if (mode === 'LIMITED') return [];
    const path = ['anonymousAuthenticationConfig', 'mode'];
    if (mode === 'ENABLED') return [{ path, messageId: 'enabled' }];
    return [{ path, messageId: 'notLimited', data: { mode: typeof mode === 'string' ? mode : 'not set' } }];
  },
  remediation: {
    phase: 1,
    steps: () => [
      {
        kind: 'cluster-update',
        comment: 'Anonymous requests only on /healthz, /livez and /readyz; every other one is rejected.',
        flags: FLAGS,
      },
    ],
  },
});
