import { kopsPaths } from '../../providers/kops/paths.ts';
import { getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = { partials: ['kops/kube-api-server'] } as const;

export default defineRule({
  id: 'kops/apiserver-anonymous-auth-disabled',
  provider: 'kops',
  severity: 'high',
  title: 'Keep anonymous requests to the API server turned off',
  rationale:
    'kops turns anonymous API access off by default; setting it back to true lets unauthenticated callers ' +
    'reach every endpoint that RBAC grants to system:anonymous or system:unauthenticated, and any mistake in ' +
    'those bindings becomes public.',
  targets: ['Cluster'],
  paths: ['spec.kubeAPIServer.anonymousAuth'],
  hardened: 'false (or unset: kops defaults it to false)',
  template: TEMPLATE,
  fix: { language: 'yaml', snippet: templateSnippet(TEMPLATE.partials) },
  fixable: true,
  refs: ['https://kops.sigs.k8s.io/cluster_spec/#kubeapiserver'],
  messages: { on: 'kubeAPIServer.anonymousAuth is true: the API server accepts unauthenticated requests' },
  check(subject) {
    const apiServer = kopsPaths.kubeAPIServer(subject);
    if (getIn(apiServer.value, ['anonymousAuth']) !== true) return [];
    return [
      {
        path: [...apiServer.path, 'anonymousAuth'],
        messageId: 'on',
        fix: { set: false },
      },
    ];
  },
});
