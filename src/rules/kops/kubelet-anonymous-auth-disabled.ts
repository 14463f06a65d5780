import { kopsPaths } from '../../providers/kops/paths.ts';
import { getIn } from '../../util/object.ts';
import { defineRule, type RuleViolation } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

/**
 * What kops does with a `true` (kops v1.36.2 upup/pkg/fi/cloudup/populate_instancegroup_spec.go:259-313):
 * it remembers the cluster-level value (masterKubelet's for control-plane groups) before it merges a
 * group's own kubelet settings, and when that value is true it writes false for the group. Since kops
 * 1.26 for every group; in 1.25 for groups with their own kubelet block (commit d471845dce). A group's
 * own true survives when the cluster's value is false or unset.
 */
const messages = {
  clusterTrue:
    'spec.kubelet.anonymousAuth is true: it asks for unauthenticated requests to the kubelet API; kops 1.26 and later happen to rewrite a cluster-level true to false for each InstanceGroup (1.25: for groups with their own kubelet block), but older kops honours it and the manifest still asks for it; set it to false',
  notSet:
    'spec.kubelet.anonymousAuth is not set: anonymous auth is off in effect (since kops 1.23 the kubelet reads a config file, whose default is false), but kops warns on every update until the field says false; write anonymousAuth: false so the intent is explicit',
  controlPlaneTrue:
    '{{field}}.anonymousAuth is true: it asks for unauthenticated requests to the control-plane kubelets (kops 1.26 and later happen to write false for them anyway, as does any kops when spec.kubelet.anonymousAuth is false, but older kops honours it); set it to false',
  groupTrue:
    'this InstanceGroup sets kubelet.anonymousAuth: true: its kubelets accept unauthenticated requests (kops 1.25 and later apply it even over a cluster-level false)',
} as const;

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = { partials: ['kops/kubelet'], topics: ['kubelet-anonymous-auth'] } as const;

export default defineRule({
  id: 'kops/kubelet-anonymous-auth-disabled',
  provider: 'kops',
  severity: 'high',
  title: 'Turn off anonymous requests to the kubelet API',
  rationale:
    'The kubelet API on port 10250 can list pods, read logs and run commands in containers. With anonymous ' +
    'auth on, any request that reaches the port without credentials is treated as system:anonymous, which ' +
    'turns a network foothold into code execution on the node. kops warns on every update until it is ' +
    'written as false.',
  targets: ['Cluster', 'InstanceGroup'],
  paths: [
    'spec.kubelet.anonymousAuth',
    'spec.masterKubelet.anonymousAuth',
    'spec.controlPlaneKubelet.anonymousAuth',
  ],
  hardened: 'false',
  template: TEMPLATE,
  fix: { language: 'yaml', snippet: templateSnippet(TEMPLATE.partials) },
  fixable: true,
  refs: [
    'https://kops.sigs.k8s.io/cluster_spec/#kubelet',
    'https://kubernetes.io/docs/reference/access-authn-authz/kubelet-authn-authz/',
  ],
  messages,
  check(subject) {
    const violations: RuleViolation<typeof messages, true>[] = [];
    const kubelet = kopsPaths.kubelet(subject);
    const path = [...kubelet.path, 'anonymousAuth'];
    const value = getIn(kubelet.value, ['anonymousAuth']);
    if (subject.kind === 'Cluster') {
      if (value === true) {
        violations.push({
          path,
          severity: 'high',
          messageId: 'clusterTrue',
          fix: { set: false },
        });
      } else if (value !== false) {
        // Since kops 1.23 nodeup starts the kubelet with --config (nodeup/pkg/model/kubelet.go), and an
        // unset authentication.anonymous.enabled in a KubeletConfiguration defaults to false (kubernetes
        // pkg/kubelet/apis/config/v1beta1/defaults.go). kops still warns while the field is unset
        // (upup/pkg/fi/cloudup/apply_cluster.go:347-368).
        violations.push({
          path,
          severity: 'low',
          messageId: 'notSet',
          fix: { set: false },
        });
      }
      const controlPlane = kopsPaths.controlPlaneKubelet(subject);
      if (getIn(controlPlane.value, ['anonymousAuth']) === true) {
        violations.push({
          path: [...controlPlane.path, 'anonymousAuth'],
          severity: 'high',
          messageId: 'controlPlaneTrue',
          data: { field: controlPlane.path.join('.') },
          fix: { set: false },
        });
      }
    } else if (value === true) {
      // InstanceGroup kubelet settings are merged over the cluster's, and since kops 1.25 a cluster-level
      // false no longer forces a group's true back to false (populate_instancegroup_spec.go:278-313).
      violations.push({
        path,
        severity: 'high',
        messageId: 'groupTrue',
        fix: { set: false },
      });
    }
    return violations;
  },
});
