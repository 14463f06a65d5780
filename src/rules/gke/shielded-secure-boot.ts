import { isAutopilot, nodePools } from '../../providers/gke/paths.ts';
import { getIn, type PlainObject } from '../../util/object.ts';
import { commentText } from '../../util/shell.ts';
import { defineGkeRule, type GcloudFlag, nodePoolCreateSnippet } from './_gcloud.ts';

// gcloud insists on both or neither of these.
const CREATE_FLAGS: GcloudFlag[] = [
  { flag: '--shielded-secure-boot' },
  { flag: '--shielded-integrity-monitoring' },
];
const FIELDS = ['enableSecureBoot', 'enableIntegrityMonitoring'] as const;

function missing(cluster: PlainObject) {
  return nodePools(cluster).flatMap((pool) =>
    FIELDS.filter((field) => getIn(pool.value, ['config', 'shieldedInstanceConfig', field]) !== true).map(
      (field) => ({ pool, field }),
    ),
  );
}

export default defineGkeRule({
  id: 'gke/shielded-secure-boot',
  provider: 'gke',
  severity: 'medium',
  title: 'Boot every node pool with Secure Boot and integrity monitoring',
  rationale:
    'Secure Boot refuses boot components that are not signed, so a rootkit cannot survive a node reboot; ' +
    'integrity monitoring compares each boot with a known-good baseline and reports drift. GKE turns on ' +
    'integrity monitoring by default but not Secure Boot.',
  targets: ['GkeCluster'],
  paths: [
    'nodePools[].config.shieldedInstanceConfig.enableSecureBoot',
    'nodePools[].config.shieldedInstanceConfig.enableIntegrityMonitoring',
  ],
  hardened: 'shieldedInstanceConfig: {enableSecureBoot: true, enableIntegrityMonitoring: true} on every pool',
  fix: {
    language: 'shell',
    snippet: nodePoolCreateSnippet(CREATE_FLAGS),
    manual:
      'Existing pools cannot change this: create a new pool with both flags, move workloads, delete the old pool.',
  },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 5.5.6',
    'CIS GKE 1.9.0 5.5.7',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/shielded-gke-nodes',
  ],
  messages: {
    secureBootOff: 'node pool {{pool}}: Secure Boot is off',
    integrityMonitoringOff: 'node pool {{pool}}: integrity monitoring is off',
  },
  check(subject) {
    if (isAutopilot(subject.value)) return [];
    return missing(subject.value).map(({ pool, field }) => ({
      path: [...pool.path, 'config', 'shieldedInstanceConfig', field],
      messageId:
        field === 'enableSecureBoot' ? ('secureBootOff' as const) : ('integrityMonitoringOff' as const),
      data: { pool: pool.name },
    }));
  },
  remediation: {
    phase: 9,
    steps(cluster) {
      const pools = [...new Set(missing(cluster).map(({ pool }) => pool.name))];
      return pools.map((pool) => ({
        kind: 'rebuild-node-pool' as const,
        pool,
        comment: commentText`node pool ${pool} cannot get Secure Boot and integrity monitoring in place.`,
        flags: CREATE_FLAGS,
      }));
    },
  },
});
