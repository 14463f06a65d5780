import { authorizedCidrs, authorizedNetworks, hasPublicNodes } from '../../providers/gke/paths.ts';
import { worldOpenEntries, worldOpenIndices } from '../../util/cidr.ts';
import { getIn, type PlainObject } from '../../util/object.ts';
import { commentText, type ShellValue, shellVar } from '../../util/shell.ts';
import type { RuleViolation } from '../types.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag, type ScriptInput } from './_gcloud.ts';

const messages = {
  off: 'authorized networks are off: the control plane answers any address on the internet',
  offPrivateEndpoint:
    'authorized networks are off: the private endpoint answers every address in the VPC and the networks connected to it',
  worldOpen: 'authorized networks include {{cidr}}, which admits the whole internet',
  worldOpenTogether: 'authorized networks include {{cidr}}, which with {{others}} admits the whole internet',
  googleCloudAccess:
    'Google Cloud access is on: besides the authorized networks, every Compute Engine public IP (anyone can rent one) reaches the control plane',
  googleCloudAccessLatent:
    'Google Cloud access is on: with authorized networks turned on, every Compute Engine public IP (anyone can rent one) would still reach the control plane',
} as const;

const ADMIN_NETWORKS: ScriptInput = {
  variable: 'authorized_networks',
  env: 'AUTHORIZED_NETWORKS',
  description: 'comma-separated CIDRs that may reach the Kubernetes API (your admin and CI networks)',
};

/**
 * One call for the whole endpoint group (gcloud lets these flags share an update): the list, and
 * Google Cloud access off. `--no-enable-google-cloud-access` alone would re-send the current list,
 * world-open entries included (gcloud reads the cluster and sends its cidrBlocks back).
 */
function flags(cidrs: ShellValue): GcloudFlag[] {
  return [
    { flag: '--enable-master-authorized-networks' },
    { flag: '--master-authorized-networks', value: cidrs, placeholder: '203.0.113.0/24,198.51.100.0/24' },
    { flag: '--no-enable-google-cloud-access' },
  ];
}

/**
 * `gcloud container clusters create --help` (528), --enable-master-authorized-networks: besides the
 * listed blocks, "Google Compute Engine Public IPs if `--enable-private-nodes` is not specified".
 */
const PUBLIC_NODES_NOTE =
  "With public nodes gcloud's help says Compute Engine public IPs get in regardless: make the nodes private too (gke/private-nodes).";

/** The control plane has no public endpoint: the current field first, then the deprecated one. */
function privateEndpointOnly(cluster: PlainObject): boolean {
  const current = getIn(cluster, [
    'controlPlaneEndpointsConfig',
    'ipEndpointsConfig',
    'enablePublicEndpoint',
  ]);
  if (typeof current === 'boolean') return !current;
  return getIn(cluster, ['privateClusterConfig', 'enablePrivateEndpoint']) === true;
}

export default defineGkeRule({
  id: 'gke/master-authorized-networks',
  provider: 'gke',
  severity: 'high',
  title: 'Allow the control plane only from an explicit list of authorized networks',
  rationale:
    'An allowlist is not authentication, and callers still need Google credentials. But when the next ' +
    'critical API server vulnerability is announced (CVE-2018-1002105 was one), a control plane that ' +
    'only answers your own networks buys the time to upgrade instead of racing every scanner on the internet. ' +
    'Google Cloud access (gcpPublicCidrsAccessEnabled) defeats the list: every Compute Engine public IP, ' +
    'which anyone can rent, is let in besides it.',
  targets: ['GkeCluster'],
  paths: [
    'controlPlaneEndpointsConfig.ipEndpointsConfig.authorizedNetworksConfig',
    'controlPlaneEndpointsConfig.ipEndpointsConfig.authorizedNetworksConfig.gcpPublicCidrsAccessEnabled',
    'masterAuthorizedNetworksConfig',
    'masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled',
  ],
  hardened:
    'authorizedNetworksConfig: {enabled: true, cidrBlocks: [your admin CIDRs, never 0.0.0.0/0], gcpPublicCidrsAccessEnabled: false}',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(flags(shellVar('authorized_networks'))),
    manual:
      'gcloud replaces the whole list on every update: always pass every CIDR that should keep access. ' +
      '--no-enable-google-cloud-access on its own sends the current list back, world-open entries included.',
  },
  fixable: false,
  refs: [
    'CIS GKE 1.9.0 5.6.3',
    'https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks',
    'https://cloud.google.com/sdk/gcloud/reference/container/clusters/update',
  ],
  messages,
  check(subject) {
    const cluster = subject.value;
    // A DNS-only control plane has no IP endpoint for an allowlist to guard (IAM governs the DNS one).
    if (getIn(cluster, ['controlPlaneEndpointsConfig', 'ipEndpointsConfig', 'enabled']) === false) return [];
    const { path, config } = authorizedNetworks(cluster);
    const violations: RuleViolation<typeof messages, false>[] = [];
    if (config?.enabled !== true) {
      violations.push(
        privateEndpointOnly(cluster)
          ? { path: [...path, 'enabled'], severity: 'medium', messageId: 'offPrivateEndpoint' }
          : { path: [...path, 'enabled'], messageId: 'off' },
      );
    }
    // World-open is coverage: 0.0.0.0/1 with 128.0.0.0/1 admits the whole internet too.
    const cidrs = authorizedCidrs(cluster);
    for (const { index, cidr, others } of worldOpenEntries(cidrs.map((c) => c.cidr))) {
      const cidrPath = cidrs[index]?.path ?? [];
      violations.push(
        others.length === 0
          ? { path: cidrPath, messageId: 'worldOpen', data: { cidr } }
          : { path: cidrPath, messageId: 'worldOpenTogether', data: { cidr, others: others.join(', ') } },
      );
    }
    // gcpPublicCidrsAccessEnabled: "Whether master is accessible via Google Compute Engine Public IP
    // addresses" (container_v1_messages.py); per `gcloud container clusters create --help` those
    // addresses "can reach the public control plane endpoint", so without one nothing is exposed.
    if (config?.gcpPublicCidrsAccessEnabled === true && !privateEndpointOnly(cluster)) {
      violations.push(
        config.enabled === true
          ? { path: [...path, 'gcpPublicCidrsAccessEnabled'], messageId: 'googleCloudAccess' }
          : {
              path: [...path, 'gcpPublicCidrsAccessEnabled'],
              severity: 'medium',
              messageId: 'googleCloudAccessLatent',
            },
      );
    }
    return violations;
  },
  remediation: {
    phase: 1,
    steps(cluster) {
      const listed = authorizedCidrs(cluster).map((c) => c.cidr);
      // World-open is coverage: drop the entries that open the list (0.0.0.0/0, or 0.0.0.0/1 with 128.0.0.0/1).
      const open = new Set(worldOpenIndices(listed));
      const kept = listed.filter((_, index) => !open.has(index));
      const dropped = kept.length < listed.length ? ' World-open entries dropped.' : '';
      const access =
        ' Google Cloud access off (otherwise every Compute Engine public IP, which anyone can rent, is let in).';
      const nodes = hasPublicNodes(cluster) ? ` ${PUBLIC_NODES_NOTE}` : '';
      if (kept.length > 0) {
        return [
          {
            kind: 'cluster-update',
            comment: commentText`Authorized networks on, with the full list (gcloud replaces it): ${kept.join(', ')}.${dropped}${access}${nodes}`,
            flags: flags(kept.join(',')),
          },
        ];
      }
      return [
        {
          kind: 'cluster-update',
          comment: `Authorized networks on; the cluster lists no CIDR to keep, so they come from $AUTHORIZED_NETWORKS.${dropped}${access}${nodes}`,
          flags: flags(shellVar(ADMIN_NETWORKS.variable)),
          inputs: [ADMIN_NETWORKS],
        },
      ];
    },
  },
});
