import { kopsPaths } from '../../providers/kops/paths.ts';
import { KOPS_RELEASE } from '../../versions/kubernetes-releases.ts';
import {
  endOfLifePhrase,
  kopsRefuses,
  kopsSupportedMinors,
  latestPatch,
  minorText,
  supportStatus,
} from '../../versions/support.ts';
import { defineRule } from '../types.ts';

export default defineRule({
  id: 'kops/kubernetes-version-supported',
  provider: 'kops',
  severity: 'high',
  title: 'Run a Kubernetes minor that upstream still supports',
  rationale:
    'A Kubernetes minor gets patches for about fourteen months. After its end of life, a published ' +
    'vulnerability in the API server, the kubelet or kube-proxy stays open on a kops cluster for good: ' +
    'kops installs the upstream binaries and has no one else to take fixes from.',
  targets: ['Cluster'],
  paths: ['spec.kubernetesVersion'],
  hardened: `a supported minor at its newest patch, e.g. ${latestPatch(KOPS_RELEASE.stableChannelMinor)}`,
  fix: {
    language: 'yaml',
    snippet: `spec:\n  kubernetesVersion: ${latestPatch(KOPS_RELEASE.stableChannelMinor)} # a supported minor, newest patch\n`,
    manual:
      'Upgrade one minor at a time: set kubernetesVersion to the next minor, `kops update cluster --yes`, then `kops rolling-update cluster --yes`, and repeat.',
  },
  fixable: false,
  refs: ['https://kubernetes.io/releases/', 'https://kops.sigs.k8s.io/operations/updates_and_upgrades/'],
  messages: {
    endOfLife: 'Kubernetes {{minor}} {{endOfLife}} and gets no security fixes{{kopsRefuses}}; {{upgrade}}',
  },
  check(subject) {
    const version = kopsPaths.kubernetesVersion(subject);
    // A channel URL or an unset version is for kops to resolve; only a written version is judged.
    const status = supportStatus(version.value);
    if (status.state !== 'end-of-life') return [];
    const targets = kopsSupportedMinors();
    const refused = kopsRefuses(status.minor)
      ? ` (kops ${KOPS_RELEASE.version} refuses it too: "kubernetes upgrade is required")`
      : '';
    const upgrade =
      targets.length > 0
        ? `upgrade to a supported minor kops ${KOPS_RELEASE.version} runs (${targets.map(minorText).join(', ')}), one minor at a time`
        : 'upgrade kops, then Kubernetes to a supported minor, one minor at a time';
    return [
      {
        path: version.path,
        messageId: 'endOfLife',
        data: {
          minor: minorText(status.minor),
          endOfLife: endOfLifePhrase(status),
          kopsRefuses: refused,
          upgrade,
        },
      },
    ];
  },
});
