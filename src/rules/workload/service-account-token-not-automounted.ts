import { SERVICE_ACCOUNT_KIND } from '../../providers/workload/index.ts';
import { neighboursNamed } from '../../providers/workload/neighbours.ts';
import { podSpec } from '../../providers/workload/pod.ts';
import type { PlainObject } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { WORKLOAD_TARGETS } from './_helpers.ts';

/**
 * The ServiceAccount the pod runs as: serviceAccountName, else the deprecated serviceAccount alias
 * (the API server copies it over when serviceAccountName is empty), else the namespace's "default".
 */
function accountName(spec: PlainObject): string {
  for (const key of ['serviceAccountName', 'serviceAccount']) {
    const name = spec[key];
    if (typeof name === 'string' && name !== '') return name;
  }
  return 'default';
}

export default defineRule({
  id: 'workload/service-account-token-not-automounted',
  provider: 'workload',
  severity: 'low',
  title: 'Mount a service account token only into pods that call the Kubernetes API',
  rationale:
    'By default every pod gets a token for its service account mounted at a well-known path. Most ' +
    'applications never talk to the API server, but whoever breaks into the pod can use the token with ' +
    'whatever RBAC grants it. Turn the automount off, and on again only for pods that need it. The pod ' +
    "decides when it sets automountServiceAccountToken; when it leaves it unset, its ServiceAccount's " +
    'setting applies, and without either the token is mounted.',
  targets: WORKLOAD_TARGETS,
  paths: [
    '<pod spec>.automountServiceAccountToken',
    '<ServiceAccount>.automountServiceAccountToken (the account the pod runs as, when the same file holds it)',
  ],
  hardened: 'automountServiceAccountToken: false on the pod, or on its ServiceAccount',
  fix: {
    language: 'yaml',
    snippet: 'spec:\n  serviceAccountName: app\n  automountServiceAccountToken: false\n',
    manual:
      'Setting automountServiceAccountToken: false on the ServiceAccount instead covers every pod that runs as ' +
      'it and does not set the field itself. ksec sees that when the ServiceAccount is in the same file as the ' +
      'pod, with the same metadata.namespace (or neither sets one).',
  },
  fixable: false,
  refs: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/#opt-out-of-api-credential-automounting',
  ],
  messages: {
    podMounts: 'the pod mounts a service account token',
    accountNotInFile:
      'the pod mounts a service account token unless its ServiceAccount "{{account}}"{{where}} sets automountServiceAccountToken: false, and this file does not hold that ServiceAccount',
    neither:
      'the pod mounts a service account token: neither it nor its ServiceAccount "{{account}}"{{where}} sets automountServiceAccountToken: false',
  },
  check(subject) {
    const spec = podSpec(subject);
    const own = spec.value.automountServiceAccountToken;
    const path = [...spec.path, 'automountServiceAccountToken'];
    // The ServiceAccount admission plugin: the pod's value wins, then the account's, else true.
    if (own === false) return [];
    if (own === true) return [{ path, messageId: 'podMounts' }];
    const name = accountName(spec.value);
    const accounts = neighboursNamed(subject, SERVICE_ACCOUNT_KIND, subject.namespace, name);
    if (accounts.length > 0 && accounts.every((a) => a.value.automountServiceAccountToken === false))
      return [];
    const where = subject.namespace ? ` in namespace ${subject.namespace}` : '';
    return [
      {
        path,
        messageId: accounts.length === 0 ? 'accountNotInFile' : 'neither',
        data: { account: name, where },
      },
    ];
  },
});
