import type { DocPath } from '../../model.ts';
import { kopsPaths } from '../../providers/kops/paths.ts';
import { getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'kops/authorization-mode-not-always-allow',
  provider: 'kops',
  severity: 'critical',
  title: 'Never authorize API or kubelet requests with AlwaysAllow',
  rationale:
    'An explicit authorizationMode overrides what spec.authorization chose. AlwaysAllow on the API server ' +
    'makes RBAC decorative; on the kubelet it lets any authenticated caller exec into every pod on the node.',
  targets: ['Cluster', 'InstanceGroup'],
  paths: ['spec.kubeAPIServer.authorizationMode', 'spec.kubelet.authorizationMode'],
  hardened: 'kubeAPIServer: Node,RBAC (or unset); kubelet: Webhook (or unset)',
  template: { topics: ['rbac'] },
  fix: {
    language: 'yaml',
    snippet:
      'spec:\n  kubeAPIServer:\n    authorizationMode: Node,RBAC\n  kubelet:\n    authorizationMode: Webhook\n',
  },
  fixable: true,
  refs: ['https://kops.sigs.k8s.io/cluster_spec/'],
  messages: {
    alwaysAllow: '{{field}}.authorizationMode includes AlwaysAllow: every authenticated request is allowed',
  },
  check(subject) {
    const places: { path: DocPath; value: unknown; safe: string }[] = [
      { ...kopsPaths.kubelet(subject), safe: 'Webhook' },
    ];
    if (subject.kind === 'Cluster') {
      places.push({ ...kopsPaths.kubeAPIServer(subject), safe: 'Node,RBAC' });
      places.push({ ...kopsPaths.controlPlaneKubelet(subject), safe: 'Webhook' });
    }
    return places.flatMap(({ path, value, safe }) => {
      const mode = getIn(value, ['authorizationMode']);
      if (typeof mode !== 'string' || !mode.split(',').some((m) => m.trim() === 'AlwaysAllow')) return [];
      return [
        {
          path: [...path, 'authorizationMode'],
          messageId: 'alwaysAllow' as const,
          data: { field: path.join('.') },
          fix: { set: safe },
        },
      ];
    });
  },
});
