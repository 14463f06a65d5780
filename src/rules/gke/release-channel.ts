import { getIn } from '../../util/object.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [{ flag: '--release-channel', value: 'regular' }];
const CHANNELS = ['RAPID', 'REGULAR', 'STABLE', 'EXTENDED'];

export default defineGkeRule({
  id: 'gke/release-channel',
  provider: 'gke',
  severity: 'medium',
  title: 'Enroll the cluster in a release channel',
  rationale:
    'On a release channel GKE upgrades the control plane and nodes with security patches on its own ' +
    'schedule, inside your maintenance windows. Without one, patches wait until someone remembers, and ' +
    'the cluster drifts towards end of support.',
  targets: ['GkeCluster'],
  paths: ['releaseChannel.channel'],
  hardened: 'releaseChannel.channel: REGULAR (or STABLE, RAPID, EXTENDED)',
  fix: { language: 'shell', snippet: clusterUpdateSnippet(FLAGS) },
  fixable: false,
  refs: ['CIS GKE 1.9.0 5.5.4', 'https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels'],
  messages: { noChannel: 'the cluster is on no release channel ({{channel}}): upgrades are manual' },
  check(subject) {
    const channel = getIn(subject.value, ['releaseChannel', 'channel']);
    if (typeof channel === 'string' && CHANNELS.includes(channel)) return [];
    return [
      {
        path: ['releaseChannel', 'channel'],
        messageId: 'noChannel',
        data: { channel: typeof channel === 'string' ? channel : 'unset' },
      },
    ];
  },
  remediation: {
    phase: 1,
    steps: () => [
      { kind: 'cluster-update', comment: 'Enroll in the REGULAR release channel.', flags: FLAGS },
    ],
  },
});
