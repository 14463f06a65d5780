import { kopsPaths } from '../../providers/kops/paths.ts';
import { hasKey } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = { partials: ['kops/authorization'], topics: ['rbac'] } as const;

export default defineRule({
  id: 'kops/rbac-authorization',
  provider: 'kops',
  severity: 'critical',
  title: 'Authorize API requests with RBAC',
  rationale:
    'Without RBAC every authenticated identity (any service account token, any kubelet) may do anything in ' +
    'the cluster. kops releases before 1.36 fell back to AlwaysAllow when the authorization block was missing, ' +
    'so state rbac explicitly rather than relying on the version that happens to apply the spec.',
  targets: ['Cluster'],
  paths: ['spec.authorization'],
  hardened: '{ rbac: {} }',
  template: TEMPLATE,
  fix: { language: 'yaml', snippet: templateSnippet(TEMPLATE.partials) },
  fixable: true,
  refs: ['https://kops.sigs.k8s.io/cluster_spec/#authorization'],
  messages: {
    alwaysAllow: 'authorization is alwaysAllow: every authenticated request is allowed, RBAC is off',
    unset:
      'spec.authorization is {{state}}: kops before 1.36 then runs the API server with AlwaysAllow (1.36+ defaults to RBAC); set rbac: {} explicitly',
  },
  check(subject) {
    const authorization = kopsPaths.authorization(subject);
    const value = authorization.value;
    if (hasKey(value, 'alwaysAllow')) {
      return [
        {
          path: [...authorization.path, 'alwaysAllow'],
          severity: 'critical',
          messageId: 'alwaysAllow',
          fix: { at: authorization.path, set: { rbac: {} } },
        },
      ];
    }
    if (hasKey(value, 'rbac')) return [];
    return [
      {
        path: authorization.path,
        severity: 'high',
        messageId: 'unset',
        data: { state: authorization.present ? 'empty' : 'not set' },
        fix: { set: { rbac: {} } },
      },
    ];
  },
});
