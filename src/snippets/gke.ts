// GKE snippet topics. gke-create renders templates/gke/create-cluster.sh, the script `ksec init
// --provider gke` writes; gke-update is the remediation script `ksec diff --format shell` prints for
// a cluster that has none of the hardening, so its commands come from the same rule data.
import { gkeAnswers } from '../generate/answers.ts';
import { gkeQuestions } from '../wizard/questions/gke.ts';
import type { Answers } from '../wizard/types.ts';
import type { SnippetTopic } from './types.ts';

/** The answers that say which cluster a command targets, and who may reach its API. */
const CLUSTER_VALUES = ['name', 'project', 'region', 'zone', 'apiCidrs'] as const;

async function renderCreate(answers: Answers): Promise<string> {
  const [{ gkeContext }, { renderTemplate }] = await Promise.all([
    import('../generate/gke.ts'),
    import('../render/handlebars.ts'),
  ]);
  return renderTemplate('gke/create-cluster.sh', gkeContext(answers));
}

/**
 * A Standard cluster as `gcloud container clusters describe --format json` shows one that was created
 * without any of the hardening flags: the existing cluster the update commands are written for. Its
 * authorized-network list holds the given admin CIDRs (kept, because gcloud replaces the whole list).
 */
export function unhardenedCluster(answers: Answers): Record<string, unknown> {
  const a = gkeAnswers(answers);
  const location = a.zone || a.region || '';
  return {
    name: a.name,
    location,
    selfLink: `https://container.googleapis.com/v1/projects/${a.project}/locations/${location}/clusters/${a.name}`,
    status: 'RUNNING',
    anonymousAuthenticationConfig: { mode: 'ENABLED' },
    ipAllocationPolicy: { useIpAliases: true },
    legacyAbac: { enabled: true },
    addonsConfig: { networkPolicyConfig: { disabled: true } },
    masterAuthorizedNetworksConfig: { cidrBlocks: a.apiCidrs.map((cidrBlock) => ({ cidrBlock })) },
    loggingConfig: { componentConfig: { enableComponents: ['SYSTEM_COMPONENTS', 'WORKLOADS'] } },
    masterAuth: { clientCertificateConfig: {} },
    networkConfig: { datapathProvider: 'LEGACY_DATAPATH' },
    nodePools: [
      {
        name: 'default-pool',
        config: {
          serviceAccount: 'default',
          workloadMetadataConfig: { mode: 'GCE_METADATA' },
          kubeletConfig: { insecureKubeletReadonlyPortEnabled: true },
        },
        networkConfig: { enablePrivateNodes: false },
      },
    ],
    securityPostureConfig: { mode: 'DISABLED' },
  };
}

async function renderUpdate(answers: Answers): Promise<string> {
  const [{ checkText }, { formatShell }] = await Promise.all([
    import('../engine/check.ts'),
    import('../remediation/gke-script.ts'),
  ]);
  const cluster = unhardenedCluster(answers);
  const source = `gcloud container clusters describe ${String(cluster.name)}`;
  return formatShell(checkText(JSON.stringify(cluster, null, 2), source));
}

export const gkeTopics: readonly SnippetTopic[] = [
  {
    id: 'gke-create',
    provider: 'gke',
    title: 'Create a GKE cluster with every hardening flag',
    why:
      'The gcloud command `ksec init --provider gke` writes, one comment per flag saying why: VPC-native, ' +
      'authorized networks, NetworkPolicy enforcement, no client certificate or legacy ABAC, shielded ' +
      'nodes, Workload Identity, private nodes, a release channel, API server logs and security posture. ' +
      '`ksec diff` reports nothing on the cluster it creates.',
    apply:
      'Save it as a script, check the values at the top, and run it with bash (it creates resources that cost money). ' +
      'Every `ksec init --provider gke` flag (--network-policy, --master-ipv4-cidr, --autopilot, …) changes it.',
    rules: [],
    // Every answer `ksec init --provider gke` takes changes the script.
    values: ['name', ...gkeQuestions.questions.map((q) => q.name)],
    parts: [{ language: 'shell', where: 'shell', render: renderCreate }],
  },
  {
    id: 'gke-update',
    provider: 'gke',
    title: 'Harden an existing GKE cluster in place',
    why:
      'The gcloud commands `ksec diff --format shell` prints for a Standard cluster created without the ' +
      'hardening: one setting group per call (gcloud refuses to mix them), the full authorized-network list ' +
      '(gcloud replaces it), and comments for what only a new node pool can change. For your own cluster, ' +
      'run `ksec diff` on its describe output with `--format shell`: it writes only what that cluster lacks.',
    apply:
      'Review it, then run it with bash; several commands recreate nodes. GKE runs one operation per cluster at a time.',
    rules: [],
    values: [...CLUSTER_VALUES],
    parts: [{ language: 'shell', where: 'shell', render: renderUpdate }],
  },
];
