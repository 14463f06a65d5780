import { kopsPaths } from '../../providers/kops/paths.ts';
import { getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'kops/admission-node-restriction',
  provider: 'kops',
  severity: 'high',
  title: 'Keep the NodeRestriction admission plugin enabled',
  rationale:
    'NodeRestriction stops a kubelet from editing other nodes or pods that are not bound to it, so one ' +
    'compromised node cannot take over the rest. A user-set enableAdmissionPlugins list replaces the kops ' +
    'defaults instead of adding to them, which silently drops it; add plugins with appendAdmissionPlugins.',
  targets: ['Cluster'],
  paths: ['spec.kubeAPIServer.enableAdmissionPlugins'],
  hardened: 'unset (kops default list), extra plugins in appendAdmissionPlugins',
  fix: {
    language: 'yaml',
    snippet:
      'spec:\n  kubeAPIServer:\n    appendAdmissionPlugins: # adds to the kops defaults instead of replacing them\n    - AlwaysPullImages\n',
    manual:
      'Remove enableAdmissionPlugins (kops then uses its defaults, which include NodeRestriction) and list extra plugins under appendAdmissionPlugins, or add NodeRestriction to the list.',
  },
  fixable: false,
  refs: ['https://kops.sigs.k8s.io/cluster_spec/#kubeapiserver'],
  messages: {
    replacesDefaults:
      'kubeAPIServer.enableAdmissionPlugins replaces the kops default list and does not include NodeRestriction',
  },
  check(subject) {
    const apiServer = kopsPaths.kubeAPIServer(subject);
    const plugins = getIn(apiServer.value, ['enableAdmissionPlugins']);
    if (!Array.isArray(plugins) || plugins.includes('NodeRestriction')) return [];
    return [{ path: [...apiServer.path, 'enableAdmissionPlugins'], messageId: 'replacesDefaults' }];
  },
});
