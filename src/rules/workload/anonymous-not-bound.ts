import { asArray, getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';

/** Subjects every unauthenticated request carries. */
const ANONYMOUS = [
  { kind: 'User', name: 'system:anonymous' },
  { kind: 'Group', name: 'system:unauthenticated' },
];

export default defineRule({
  id: 'workload/anonymous-not-bound',
  provider: 'workload',
  severity: 'critical',
  title: 'Grant no role to anonymous users',
  rationale:
    'A RoleBinding or ClusterRoleBinding to system:anonymous or system:unauthenticated hands its permissions ' +
    'to anyone who can reach the API server, without credentials. With RBAC the default is to grant nothing: ' +
    'bind roles to the groups of people and the service accounts that need them, never to the anonymous user.',
  targets: ['RoleBinding', 'ClusterRoleBinding'],
  paths: ['subjects[].name'],
  hardened: 'no subject named system:anonymous or system:unauthenticated',
  fix: {
    language: 'yaml',
    snippet: 'subjects:\n- kind: Group\n  name: platform-admins\n  apiGroup: rbac.authorization.k8s.io\n',
    manual:
      'Delete the binding (kubectl delete rolebinding NAME -n NAMESPACE), or replace the subject with a real group.',
  },
  fixable: false,
  refs: ['https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles'],
  messages: {
    bound: 'the binding grants {{role}} to {{subject}}: anyone who reaches the API server gets it',
  },
  check(subject) {
    return asArray(subject.value.subjects).flatMap((entry, index) => {
      const name = getIn(entry, ['name']);
      const kind = getIn(entry, ['kind']);
      // kubesec matches the name alone; the kind is named in the message when it is there.
      if (!ANONYMOUS.some((a) => a.name === name)) return [];
      return [
        {
          path: ['subjects', index, 'name'],
          messageId: 'bound' as const,
          data: {
            role: String(getIn(subject.value, ['roleRef', 'name']) ?? 'its role'),
            subject: `${typeof kind === 'string' ? `${kind} ` : ''}${String(name)}`,
          },
        },
      ];
    });
  },
});
