import { kopsPaths } from '../../providers/kops/paths.ts';
import { worldOpenEntries } from '../../util/cidr.ts';
import { defineRule } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = { partials: ['kops/api-access'], topics: ['api-access'] } as const;

export default defineRule({
  id: 'kops/api-access-restricted',
  provider: 'kops',
  severity: 'high',
  title: 'Allow the Kubernetes API only from an explicit list of admin networks',
  rationale:
    'An IP allowlist is not authentication: callers still need credentials. But when the next critical ' +
    'API server vulnerability is published (CVE-2018-1002105 was one), an API that only answers your own ' +
    'networks gives you time to patch instead of racing every scanner on the internet.',
  targets: ['Cluster'],
  paths: ['spec.kubernetesApiAccess', 'spec.api.access'],
  hardened: '[203.0.113.0/24] (your admin and CI networks; never 0.0.0.0/0 or ::/0)',
  template: TEMPLATE,
  fix: {
    language: 'yaml',
    snippet: templateSnippet(TEMPLATE.partials),
    manual:
      'Replace the world-open entries with the CIDRs your admins and CI use, then run `kops update cluster --yes`.',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/cluster_spec/#kubernetesapiaccess'],
  messages: {
    unset:
      '{{field}} is {{state}}: kops then creates no ingress rule for the API, so it is unreachable from outside the VPC (note that `kops create cluster` writes 0.0.0.0/0 and ::/0 instead). Write the allowlist of admin CIDRs explicitly so the intent survives the next edit.',
    worldOpen: 'the Kubernetes API is open to the whole internet ({{why}}); allow only your admin CIDRs',
  },
  check(subject) {
    const access = kopsPaths.apiAccess(subject);
    const list = access.value;
    if (!Array.isArray(list) || list.length === 0) {
      return [
        {
          path: access.path,
          severity: 'low',
          messageId: 'unset',
          data: { field: access.path.join('.'), state: access.present ? 'empty' : 'not set' },
        },
      ];
    }
    return worldOpenEntries(list).map(({ index, why }) => ({
      path: [...access.path, index],
      severity: 'high' as const,
      messageId: 'worldOpen' as const,
      data: { why },
    }));
  },
});
