import { kubernetesMinor, networkingProviders } from '../../providers/kops/paths.ts';
import { getIn } from '../../util/object.ts';
import { defineRule } from '../types.ts';
import { templateSnippet } from './_helpers.ts';

/** CNIs kops installs that enforce Kubernetes NetworkPolicy. */
const ENFORCING = new Set(['calico', 'cilium', 'kuberouter']);
/**
 * CNIs kops installs that do not enforce NetworkPolicy, and providers kops refuses outright at current
 * versions: the CNI's key in spec.networking is its message id.
 */
const NOT_ENFORCING = {
  amazonvpc:
    'the AWS VPC CNI as kops installs it does not enforce NetworkPolicy (kops turns its policy agent off); use cilium or calico',
  flannel: 'flannel only moves packets; it does not enforce NetworkPolicy; use cilium or calico',
  kubenet: 'kubenet does not enforce NetworkPolicy; use cilium or calico',
  kopeio: 'kopeio networking does not enforce NetworkPolicy; use cilium or calico',
  gce: 'GCE routes do not enforce NetworkPolicy and kops installs no policy agent; use cilium or calico',
} as const;
const REMOVED = {
  weave: 'Weave is no longer supported by kops; use cilium or calico',
  external: '`external` networking is not supported by kops for Kubernetes >= 1.26; use cilium or calico',
  classic: '`classic` networking was removed from kops; use cilium or calico',
  romana: 'Romana was removed from kops; use cilium or calico',
  lyftvpc: 'the Lyft VPC CNI was removed from kops; use cilium or calico',
} as const;

function isKey<T extends object>(table: T, key: string): key is Extract<keyof T, string> {
  return Object.hasOwn(table, key);
}

/** ksec init writes the hardened value with these partials; the fix snippet is their rendering. */
const TEMPLATE = { partials: ['kops/networking'], topics: ['network-policy'] } as const;

export default defineRule({
  id: 'kops/network-policy-capable',
  provider: 'kops',
  severity: 'high',
  title: 'Use a CNI that enforces NetworkPolicy',
  rationale:
    'NetworkPolicy objects are silently ignored unless the network plugin enforces them, so namespaces and ' +
    'default-deny policies give a false sense of isolation. Choosing Calico or Cilium when the cluster is created ' +
    'is cheap; switching CNI on a running cluster is a migration.',
  targets: ['Cluster'],
  paths: ['spec.networking'],
  hardened: '{ cilium: {} } or { calico: {} }',
  template: TEMPLATE,
  fix: {
    language: 'yaml',
    snippet: templateSnippet(TEMPLATE.partials),
    manual:
      'Changing the CNI of a running cluster is a migration: plan it, or build a new cluster with calico or cilium.',
  },
  fixable: true,
  refs: ['https://kops.sigs.k8s.io/networking/'],
  messages: {
    noProvider: 'no networking provider is chosen; pick cilium or calico so NetworkPolicy is enforced',
    ciliumPolicyNever:
      'cilium.enablePolicy is never: Cilium is installed with NetworkPolicy enforcement turned off',
    canalRejected:
      'canal enforces NetworkPolicy, but kops rejects it for Kubernetes >= 1.28; move to calico or cilium',
    canalRejectedVersion:
      'canal enforces NetworkPolicy, but kops rejects it for Kubernetes >= 1.28 (this cluster runs {{version}}); move to calico or cilium',
    kindnetPolicyOff:
      'kindnet.networkPolicies is false: kops starts kindnetd with --network-policy=false, so NetworkPolicy is not enforced',
    cni: 'networking is `cni` (a CNI you install yourself): ksec cannot verify that it enforces NetworkPolicy; make sure it does',
    unknown:
      'networking provider {{key}} is not one kops knows to enforce NetworkPolicy; use cilium or calico',
    ...NOT_ENFORCING,
    ...REMOVED,
  },
  check(subject) {
    const providers = networkingProviders(subject);
    const [choice] = providers;
    if (!choice) {
      return [
        {
          path: ['spec', 'networking'],
          severity: 'medium',
          messageId: 'noProvider',
        },
      ];
    }
    const { name, path } = choice;
    if (name === 'cilium' && getIn(choice.config, ['enablePolicy']) === 'never') {
      return [
        {
          path: [...path, 'enablePolicy'],
          severity: 'medium',
          messageId: 'ciliumPolicyNever',
          fix: { remove: true },
        },
      ];
    }
    if (ENFORCING.has(name)) return [];
    if (name === 'canal') {
      const minor = kubernetesMinor(subject);
      // Only Kubernetes 1.x before 1.28 may still run canal.
      if (minor && minor[0] === 1 && minor[1] < 28) return [];
      if (minor === undefined) return [{ path, severity: 'high', messageId: 'canalRejected' }];
      return [
        { path, severity: 'high', messageId: 'canalRejectedVersion', data: { version: minor.join('.') } },
      ];
    }
    if (name === 'kindnet') {
      // kops passes --network-policy only when networkPolicies is set (a Go template `if` on a set
      // *bool is true, so false is passed too), and kindnetd enforces NetworkPolicy unless told not to:
      // kops v1.36.2 upup/models/cloudup/resources/addons/networking.kindnet/k8s-1.32.yaml.template:116-118,
      // kindnet v1.0.0 (the version kops 1.35 and 1.36 install, pkg/model/components/kindnet.go:38-40)
      // cmd/kindnetd/main.go:105, flag "network-policy" default true (since kindnet commit f69f8cd, 2024-09-06).
      if (getIn(choice.config, ['networkPolicies']) !== false) return [];
      return [
        {
          path: [...path, 'networkPolicies'],
          severity: 'medium',
          messageId: 'kindnetPolicyOff',
          fix: { remove: true },
        },
      ];
    }
    if (name === 'cni') {
      return [{ path, severity: 'low', messageId: 'cni' }];
    }
    if (isKey(REMOVED, name)) return [{ path, severity: 'high', messageId: name }];
    if (isKey(NOT_ENFORCING, name)) return [{ path, severity: 'medium', messageId: name }];
    return [{ path, severity: 'medium', messageId: 'unknown', data: { key: choice.key } }];
  },
});
