import { kopsPaths } from '../../providers/kops/paths.ts';
import { getIn } from '../../util/object.ts';
import { defineRule, type Violation } from '../types.ts';

export default defineRule({
  id: 'kops/kubelet-anonymous-auth-disabled',
  provider: 'kops',
  severity: 'high',
  title: 'Turn off anonymous requests to the kubelet API',
  rationale:
    'The kubelet API on port 10250 can list pods, read logs and run commands in containers. With anonymous ' +
    'auth on, any request that reaches the port without credentials is treated as system:anonymous, which ' +
    'turns a network foothold into code execution on the node. kops warns on every update until it is off.',
  targets: ['Cluster', 'InstanceGroup'],
  paths: [
    'spec.kubelet.anonymousAuth',
    'spec.masterKubelet.anonymousAuth',
    'spec.controlPlaneKubelet.anonymousAuth',
  ],
  hardened: 'false',
  fix: { language: 'yaml', snippet: 'spec:\n  kubelet:\n    anonymousAuth: false\n' },
  fixable: true,
  refs: ['https://kops.sigs.k8s.io/security/#kubelet-api'],
  check(subject): Violation[] {
    const violations: Violation[] = [];
    const kubelet = kopsPaths.kubelet(subject);
    const path = [...kubelet.path, 'anonymousAuth'];
    const value = getIn(kubelet.value, ['anonymousAuth']);
    if (subject.kind === 'Cluster') {
      if (value !== false) {
        violations.push({
          path,
          severity: value === true ? 'high' : 'medium',
          message:
            value === true
              ? 'spec.kubelet.anonymousAuth is true: unauthenticated requests to the kubelet API are accepted'
              : 'spec.kubelet.anonymousAuth is not set: kops warns on every update and the effective value depends on the kops and kubelet version; set it to false',
          fix: { set: false },
        });
      }
      const controlPlane = kopsPaths.controlPlaneKubelet(subject);
      if (getIn(controlPlane.value, ['anonymousAuth']) === true) {
        violations.push({
          path: [...controlPlane.path, 'anonymousAuth'],
          severity: 'high',
          message: `${controlPlane.path.join('.')}.anonymousAuth is true: the control-plane kubelets accept unauthenticated requests`,
          fix: { set: false },
        });
      }
    } else if (value === true) {
      // InstanceGroup kubelet settings are merged over the cluster's, so one group can undo the hardening.
      violations.push({
        path,
        severity: 'high',
        message:
          'this InstanceGroup sets kubelet.anonymousAuth: true, overriding the cluster setting for its nodes',
        fix: { set: false },
      });
    }
    return violations;
  },
});
