import { isAutopilot } from '../../providers/gke/paths.ts';
import { getIn } from '../../util/object.ts';
import { clusterCreateSnippet, defineGkeRule, type GcloudFlag } from './_gcloud.ts';

const CREATE_FLAGS: GcloudFlag[] = [{ flag: '--enable-ip-alias' }];

export default defineGkeRule({
  id: 'gke/vpc-native',
  provider: 'gke',
  severity: 'medium',
  title: 'Run the cluster VPC-native, with alias IP ranges for pods and services',
  rationale:
    'A VPC-native cluster gives pods addresses from the VPC itself, so firewall rules, private access ' +
    'and flow logs see them as first-class VPC traffic, the way nodes on AWS live inside their VPC. ' +
    'Routes-based clusters hide pods behind custom routes, and private nodes require VPC-native networking.',
  targets: ['GkeCluster'],
  paths: ['ipAllocationPolicy.useIpAliases'],
  hardened: 'ipAllocationPolicy.useIpAliases: true (gcloud --enable-ip-alias)',
  fix: {
    language: 'shell',
    snippet: clusterCreateSnippet(CREATE_FLAGS),
    manual: 'A routes-based cluster cannot be converted: create a VPC-native cluster and migrate workloads.',
  },
  fixable: false,
  refs: ['CIS GKE 1.9.0 5.6.2', 'https://cloud.google.com/kubernetes-engine/docs/concepts/alias-ips'],
  messages: {
    routesBased: 'the cluster is routes-based (ipAllocationPolicy.useRoutes: true): pods are not VPC-native',
    notVpcNative: 'ipAllocationPolicy.useIpAliases is not true: the cluster is not VPC-native',
  },
  check(subject) {
    const cluster = subject.value;
    if (isAutopilot(cluster) || getIn(cluster, ['ipAllocationPolicy', 'useIpAliases']) === true) return [];
    const routes = getIn(cluster, ['ipAllocationPolicy', 'useRoutes']) === true;
    return [
      { path: ['ipAllocationPolicy', 'useIpAliases'], messageId: routes ? 'routesBased' : 'notVpcNative' },
    ];
  },
  remediation: {
    phase: 9,
    steps: () => [
      {
        kind: 'rebuild-cluster',
        comment: 'a routes-based cluster cannot become VPC-native in place.',
        flags: CREATE_FLAGS,
      },
    ],
  },
});
