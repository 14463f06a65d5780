import { podSpec } from '../../providers/workload/pod.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

export default defineRule({
  id: 'workload/service-account-token-not-automounted',
  provider: 'workload',
  severity: 'low',
  title: 'Mount a service account token only into pods that call the Kubernetes API',
  rationale:
    'By default every pod gets a token for its service account mounted at a well-known path. Most ' +
    'applications never talk to the API server, but whoever breaks into the pod can use the token with ' +
    'whatever RBAC grants it. Turn the automount off, and on again only for pods that need it.',
  targets: WORKLOAD_TARGETS,
  paths: ['<pod spec>.automountServiceAccountToken'],
  hardened: 'automountServiceAccountToken: false',
  fix: {
    language: 'yaml',
    snippet: 'spec:\n  serviceAccountName: app\n  automountServiceAccountToken: false\n',
    manual: 'Setting it on the ServiceAccount instead covers every pod that uses it.',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/'],
  check(subject) {
    const spec = podSpec(subject);
    if (spec.value.automountServiceAccountToken === false) return [];
    return [
      {
        path: [...spec.path, 'automountServiceAccountToken'],
        message:
          spec.value.automountServiceAccountToken === true
            ? 'the pod mounts a service account token'
            : 'the pod mounts a service account token unless its ServiceAccount opts out (automountServiceAccountToken is not false)',
      },
    ];
  },
});
