import type { DocPath } from '../../model.ts';
import { isAutopilot, nodePools } from '../../providers/gke/paths.ts';
import { getIn, type PlainObject } from '../../util/object.ts';
import { commentText } from '../../util/shell.ts';
import { defineGkeRule, type GcloudFlag, nodePoolCreateSnippet } from './_gcloud.ts';

const FLAGS: GcloudFlag[] = [
  { flag: '--service-account', value: 'gke-nodes@PROJECT_ID.iam.gserviceaccount.com' },
];
const AUTOPILOT_PATH: DocPath = ['autoscaling', 'autoprovisioningNodePoolDefaults', 'serviceAccount'];

/**
 * The Compute Engine default service account, by its email: PROJECT_NUMBER-compute@developer.gserviceaccount.com
 * (docs.cloud.google.com/kubernetes-engine/security/configure-node-service-accounts). Describe output shows it
 * so when a pool was created naming it instead of writing `default`.
 */
const DEFAULT_ACCOUNT_EMAIL = /^\d+-compute@developer\.gserviceaccount\.com$/i;

function isDefault(account: unknown): boolean {
  if (typeof account !== 'string') return true;
  const name = account.trim();
  return name === '' || name === 'default' || DEFAULT_ACCOUNT_EMAIL.test(name);
}

function defaultAccounts(cluster: PlainObject): { path: DocPath; pool?: string }[] {
  const pools = nodePools(cluster);
  if (isAutopilot(cluster)) {
    // A running Autopilot cluster reports the account in its auto-provisioning defaults; the
    // create-auto request carries it on its one node pool instead.
    const account = getIn(cluster, AUTOPILOT_PATH);
    if (account !== undefined || pools.length === 0)
      return isDefault(account) ? [{ path: AUTOPILOT_PATH }] : [];
  }
  return pools
    .filter((pool) => isDefault(getIn(pool.value, ['config', 'serviceAccount'])))
    .map((pool) => ({ path: [...pool.path, 'config', 'serviceAccount'], pool: pool.name }));
}

export default defineGkeRule({
  id: 'gke/node-service-account',
  provider: 'gke',
  severity: 'medium',
  title: 'Run nodes as a dedicated least-privilege service account',
  rationale:
    'The Compute Engine default service account usually holds the Editor role on the whole project. ' +
    'Anything that reaches the node credentials (a pod escape, a metadata leak) inherits it. A dedicated ' +
    'account with only the Kubernetes Engine Default Node Service Account role ' +
    '(roles/container.defaultNodeServiceAccount: logs, metrics and what nodes need to run) limits the damage to that.',
  targets: ['GkeCluster'],
  paths: ['nodePools[].config.serviceAccount', 'autoscaling.autoprovisioningNodePoolDefaults.serviceAccount'],
  hardened: 'serviceAccount: a dedicated account, e.g. gke-nodes@PROJECT_ID.iam.gserviceaccount.com',
  fix: {
    language: 'shell',
    snippet: nodePoolCreateSnippet(FLAGS),
    manual:
      'A pool cannot change its service account: create a new pool with the dedicated account and migrate. ' +
      'Grant the account roles/container.defaultNodeServiceAccount on the project (and roles/artifactregistry.reader ' +
      'where nodes pull private images).',
  },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 5.2.1',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster#use_least_privilege_sa',
    'https://docs.cloud.google.com/kubernetes-engine/security/configure-node-service-accounts',
  ],
  messages: {
    pool: 'node pool {{pool}} runs as the Compute Engine default service account',
    autopilot: 'Autopilot nodes run as the Compute Engine default service account',
  },
  check(subject) {
    return defaultAccounts(subject.value).map(({ path, pool }) =>
      pool ? { path, messageId: 'pool' as const, data: { pool } } : { path, messageId: 'autopilot' as const },
    );
  },
  remediation: {
    phase: 9,
    steps(cluster) {
      if (isAutopilot(cluster)) {
        return [
          {
            kind: 'rebuild-cluster',
            autopilot: true,
            comment: 'Autopilot nodes take their service account only when the cluster is created.',
            flags: FLAGS,
          },
        ];
      }
      return defaultAccounts(cluster).map(({ pool }) => ({
        kind: 'rebuild-node-pool' as const,
        pool: pool ?? '',
        comment: commentText`node pool ${pool} cannot change its service account in place.`,
        flags: FLAGS,
      }));
    },
  },
});
