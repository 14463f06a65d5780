import type { DocPath } from '../../model.ts';
import { kopsPaths } from '../../providers/kops/paths.ts';
import { getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'kops/kubelet-read-only-port-disabled',
  provider: 'kops',
  severity: 'medium',
  title: 'Keep the kubelet read-only port closed',
  rationale:
    'Port 10255 serves pod specs, environment and metrics to anyone who can reach the node, with no ' +
    'authentication at all. The kubelet leaves it closed unless readOnlyPort is set.',
  targets: ['Cluster', 'InstanceGroup'],
  paths: ['spec.kubelet.readOnlyPort', 'spec.masterKubelet.readOnlyPort'],
  hardened: '0 (or unset)',
  fix: { language: 'yaml', snippet: 'spec:\n  kubelet:\n    readOnlyPort: 0\n' },
  fixable: true,
  refs: ['https://kubernetes.io/docs/reference/config-api/kubelet-config.v1beta1/'],
  messages: {
    open: '{{field}}.readOnlyPort is {{port}}: the kubelet serves unauthenticated read-only data on it',
  },
  check(subject) {
    const places: { path: DocPath; value: unknown }[] = [kopsPaths.kubelet(subject)];
    if (subject.kind === 'Cluster') places.push(kopsPaths.controlPlaneKubelet(subject));
    return places.flatMap(({ path, value }) => {
      const port = getIn(value, ['readOnlyPort']);
      if (typeof port !== 'number' || port === 0) return [];
      return [
        {
          path: [...path, 'readOnlyPort'],
          messageId: 'open' as const,
          data: { field: path.join('.'), port },
          fix: { set: 0 },
        },
      ];
    });
  },
});
