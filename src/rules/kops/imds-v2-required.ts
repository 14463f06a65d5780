import { isControlPlaneRole, kopsPaths } from '../../providers/kops/paths.ts';
import { getIn } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

const messages = {
  tokensOptional:
    'instanceMetadata.httpTokens is optional: IMDSv1 is allowed and any SSRF can read the node role credentials',
  hopLimitStateStore:
    'instanceMetadata.httpPutResponseHopLimit is {{hops}} on {{group}} group: any pod on these instances can take their IAM role, which reads the whole kops state store (the cluster CA keys and secrets); use 1',
  hopLimit:
    'instanceMetadata.httpPutResponseHopLimit is {{hops}}: pods can reach the metadata service through the node; use 1 unless a workload truly needs it',
} as const;

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = { partials: ['kops/instance-metadata'], topics: ['instance-metadata'] } as const;

export default defineRule({
  id: 'kops/imds-v2-required',
  provider: 'kops',
  severity: 'high',
  title: 'Require IMDSv2 with a hop limit of 1 on every InstanceGroup',
  rationale:
    'The instance metadata service hands out the node IAM role credentials. IMDSv1 answers any plain GET, ' +
    'so one server-side request forgery in any pod leaks them; IMDSv2 needs a session token, and a hop ' +
    'limit of 1 keeps pods in their own network namespace from reaching it at all.',
  targets: ['InstanceGroup'],
  paths: ['spec.instanceMetadata.httpTokens', 'spec.instanceMetadata.httpPutResponseHopLimit'],
  hardened: '{ httpTokens: required, httpPutResponseHopLimit: 1 }',
  template: TEMPLATE,
  fix: {
    language: 'yaml',
    snippet: templateSnippet(TEMPLATE.partials),
  },
  fixable: true,
  refs: ['https://kops.sigs.k8s.io/instance_groups/#instancemetadata'],
  messages,
  check(subject) {
    // Unset is fine: kops launch templates default to required with hop limit 1.
    const metadata = kopsPaths.instanceMetadata(subject);
    const violations: RuleViolation<typeof messages, true>[] = [];
    const tokens = getIn(metadata.value, ['httpTokens']);
    if (tokens === 'optional') {
      violations.push({
        path: [...metadata.path, 'httpTokens'],
        messageId: 'tokensOptional',
        fix: { set: 'required' },
      });
    }
    const hops = getIn(metadata.value, ['httpPutResponseHopLimit']);
    if (typeof hops === 'number' && hops > 1) {
      const role = getIn(subject.value, ['spec', 'role']);
      // Control-plane and API server roles may read the whole state store, "/*" (kops v1.36.2
      // pkg/model/iam/iam_builder.go:734-745, ReadableStatePaths): CA keys, secrets, every spec.
      const readsStateStore = isControlPlaneRole(role) || role === 'APIServer';
      violations.push({
        path: [...metadata.path, 'httpPutResponseHopLimit'],
        severity: readsStateStore ? 'high' : 'low',
        ...(readsStateStore
          ? {
              messageId: 'hopLimitStateStore' as const,
              data: { hops, group: role === 'APIServer' ? 'an API server' : 'a control-plane' },
            }
          : { messageId: 'hopLimit' as const, data: { hops } }),
        fix: { set: 1 },
      });
    }
    return violations;
  },
});
