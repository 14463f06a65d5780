import { authorizedCidrs, authorizedNetworks } from '../../providers/gke/paths.ts';
import { worldOpenIndices } from '../../util/cidr.ts';
import { getIn, type PlainObject } from '../../util/object.ts';
import { type ShellValue, shellVar } from '../../util/shell.ts';
import type { Violation } from '../types.ts';
import { clusterUpdateSnippet, defineGkeRule, type GcloudFlag, type ScriptInput } from './_gcloud.ts';

const ADMIN_NETWORKS: ScriptInput = {
  variable: 'authorized_networks',
  env: 'AUTHORIZED_NETWORKS',
  description: 'comma-separated CIDRs that may reach the Kubernetes API (your admin and CI networks)',
};

function flags(cidrs: ShellValue): GcloudFlag[] {
  return [
    { flag: '--enable-master-authorized-networks' },
    { flag: '--master-authorized-networks', value: cidrs, placeholder: '203.0.113.0/24,198.51.100.0/24' },
  ];
}

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
    'only answers your own networks buys the time to upgrade instead of racing every scanner on the internet.',
  targets: ['GkeCluster'],
  paths: [
    'controlPlaneEndpointsConfig.ipEndpointsConfig.authorizedNetworksConfig',
    'masterAuthorizedNetworksConfig',
  ],
  hardened: 'authorizedNetworksConfig: {enabled: true, cidrBlocks: [your admin CIDRs, never 0.0.0.0/0]}',
  fix: {
    language: 'shell',
    snippet: clusterUpdateSnippet(flags(shellVar('authorized_networks'))),
    manual: 'gcloud replaces the whole list on every update: always pass every CIDR that should keep access.',
  },
  fixable: false,
  refs: ['CIS GKE 1.9.0 5.6.3', 'https://cloud.google.com/kubernetes-engine/docs/how-to/authorized-networks'],
  check(subject): Violation[] {
    const cluster = subject.value;
    // A DNS-only control plane has no IP endpoint for an allowlist to guard (IAM governs the DNS one).
    if (getIn(cluster, ['controlPlaneEndpointsConfig', 'ipEndpointsConfig', 'enabled']) === false) return [];
    const { path, config } = authorizedNetworks(cluster);
    const violations: Violation[] = [];
    if (config?.enabled !== true) {
      violations.push(
        privateEndpointOnly(cluster)
          ? {
              path: [...path, 'enabled'],
              severity: 'medium',
              message:
                'authorized networks are off: the private endpoint answers every address in the VPC and the networks connected to it',
            }
          : {
              path: [...path, 'enabled'],
              message: 'authorized networks are off: the control plane answers any address on the internet',
            },
      );
    }
    // World-open is coverage: 0.0.0.0/1 with 128.0.0.0/1 admits the whole internet too.
    const cidrs = authorizedCidrs(cluster);
    const open = worldOpenIndices(cidrs.map((c) => c.cidr));
    for (const index of open) {
      const { cidr, path: cidrPath } = cidrs[index] ?? { cidr: '', path: [] };
      const others = open.filter((i) => i !== index).map((i) => cidrs[i]?.cidr);
      violations.push({
        path: cidrPath,
        message:
          others.length === 0
            ? `authorized networks include ${cidr}, which admits the whole internet`
            : `authorized networks include ${cidr}, which with ${others.join(', ')} admits the whole internet`,
      });
    }
    return violations;
  },
  remediation: {
    phase: 1,
    steps(cluster) {
      const all = authorizedCidrs(cluster).map((c) => c.cidr);
      const open = new Set(worldOpenIndices(all));
      const kept = all.filter((_, index) => !open.has(index));
      if (kept.length > 0) {
        return [
          {
            kind: 'cluster-update',
            comment: `Authorized networks on, with the full list (gcloud replaces it): ${kept.join(', ')}; world-open entries dropped.`,
            flags: flags(kept.join(',')),
          },
        ];
      }
      return [
        {
          kind: 'cluster-update',
          comment:
            'Authorized networks on; the cluster lists no CIDR to keep, so they come from $AUTHORIZED_NETWORKS.',
          flags: flags(shellVar(ADMIN_NETWORKS.variable)),
          inputs: [ADMIN_NETWORKS],
        },
      ];
    },
  },
});
