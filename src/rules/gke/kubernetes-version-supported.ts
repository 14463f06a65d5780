import { getIn } from '../../util/object.ts';
import { endOfLifePhrase, minorText, supportedMinors, supportStatus } from '../../versions/support.ts';
import { defineGkeRule } from './_gcloud.ts';

const SNIPPET =
  'gcloud container clusters upgrade CLUSTER --location LOCATION --master --cluster-version VERSION\n' +
  'gcloud container clusters upgrade CLUSTER --location LOCATION --node-pool POOL\n';

export default defineGkeRule({
  id: 'gke/kubernetes-version-supported',
  provider: 'gke',
  severity: 'medium',
  title: 'Run a Kubernetes minor that upstream still supports',
  rationale:
    'Upstream Kubernetes patches a minor for about fourteen months. GKE keeps patching a minor for a ' +
    'while after that (longest on the Extended channel), but a control plane on a minor past its upstream ' +
    'end of life is near or past the end of what anyone fixes, and GKE will upgrade it on its own schedule.',
  targets: ['GkeCluster'],
  paths: ['currentMasterVersion', 'initialClusterVersion'],
  hardened:
    'a minor upstream still supports (https://kubernetes.io/releases/), kept current by a release channel',
  fix: {
    language: 'shell',
    snippet: SNIPPET,
    manual:
      'Upgrade the control plane one minor at a time, then the node pools; `gcloud container get-server-config` lists the versions GKE offers.',
  },
  fixable: false,
  refs: [
    'https://kubernetes.io/releases/',
    'https://cloud.google.com/kubernetes-engine/docs/release-schedule',
  ],
  messages: {
    endOfLife:
      '{{key}} {{version}}: Kubernetes {{minor}} {{endOfLife}}. GKE may patch it for a while longer, then upgrades it on its own; check its end of support in the GKE release schedule and upgrade to a supported minor{{supported}}',
    endOfLifeExtended:
      '{{key}} {{version}}: Kubernetes {{minor}} {{endOfLife}}. On the Extended channel GKE still patches it for a while; check its end of support in the GKE release schedule and upgrade to a supported minor{{supported}}',
  },
  check(subject) {
    const cluster = subject.value;
    // What the control plane runs; a create request or an older record may carry only the version it started with.
    const key =
      typeof cluster.currentMasterVersion === 'string' ? 'currentMasterVersion' : 'initialClusterVersion';
    const status = supportStatus(cluster[key]);
    if (status.state !== 'end-of-life') return [];
    const extended = getIn(cluster, ['releaseChannel', 'channel']) === 'EXTENDED';
    const supported = supportedMinors();
    return [
      {
        path: [key],
        // The Extended channel is GKE's promise of patches past the standard window.
        severity: extended ? 'low' : 'medium',
        messageId: extended ? 'endOfLifeExtended' : 'endOfLife',
        data: {
          key,
          version: String(cluster[key]),
          minor: minorText(status.minor),
          endOfLife: endOfLifePhrase(status, 'upstream '),
          supported: supported.length > 0 ? ` (${supported.map(minorText).join(', ')})` : '',
        },
      },
    ];
  },
  remediation: {
    phase: 2,
    // Version upgrades are `gcloud container clusters upgrade`, one minor at a time and with a
    // version GKE offers in the location: the script cannot pick it, so the fix snippet says how.
    steps: () => [],
  },
});
