// kops snippet topics. Every part renders a partial from templates/kops/, the same partial
// cluster.yaml.hbs or kops-commands.sh.hbs includes, with the same context `ksec init` builds.
import type { Answers } from '../wizard/types.ts';
import type { SnippetPart, SnippetTopic } from './types.ts';

async function renderKops(partials: readonly string[], answers: Answers, separator = ''): Promise<string> {
  const [{ kopsContext }, { renderPartial }] = await Promise.all([
    import('../generate/kops.ts'),
    import('../render/handlebars.ts'),
  ]);
  const context = kopsContext(answers);
  return partials.map((name) => renderPartial(name, context)).join(separator);
}

/** The partials render at the level of `spec:`; a snippet shows the `spec:` key so it merges as is. */
function underSpec(text: string): string {
  const body = text
    .trimEnd()
    .split('\n')
    .map((line) => (line === '' ? line : `  ${line}`))
    .join('\n');
  return `spec:\n${body}\n`;
}

/** A part that renders partials as one fragment under `spec:`, e.g. a rule's template (see index.ts). */
export function clusterSpec(...partials: string[]): SnippetPart {
  return {
    language: 'yaml',
    where: 'kops Cluster spec',
    render: async (answers) => underSpec(await renderKops(partials, answers)),
  };
}

function instanceGroupSpec(...partials: string[]): SnippetPart {
  return {
    language: 'yaml',
    where: 'kops InstanceGroup spec (every group)',
    render: async (answers) => underSpec(await renderKops(partials, answers)),
  };
}

function shell(...partials: string[]): SnippetPart {
  return {
    language: 'shell',
    where: 'shell',
    // A blank line between the blocks, as in kops-commands.sh.
    render: async (answers) => renderKops(partials, answers, '\n'),
  };
}

const APPLY_CLUSTER =
  'Merge it into the Cluster spec (`kops edit cluster`, or your cluster.yaml and `kops replace -f`), then `kops update cluster --yes`.';
const ROLL = ' Nodes pick it up after `kops rolling-update cluster --yes`.';

export const kopsTopics: readonly SnippetTopic[] = [
  {
    id: 'api-access',
    provider: 'kops',
    title: 'Allow the Kubernetes API only from your admin networks',
    apply: APPLY_CLUSTER,
    rules: ['kops/api-access-restricted'],
    values: ['apiCidrs'],
    parts: [clusterSpec('kops/api-access')],
  },
  {
    id: 'ssh-access',
    provider: 'kops',
    title: 'Allow SSH only from admin networks, or not at all',
    apply: APPLY_CLUSTER,
    rules: ['kops/ssh-access-restricted'],
    values: ['sshCidrs', 'bastion'],
    parts: [clusterSpec('kops/ssh-access')],
  },
  {
    id: 'kubelet-anonymous-auth',
    provider: 'kops',
    title: 'Authenticate and authorise every call to the kubelet API',
    apply: APPLY_CLUSTER + ROLL,
    rules: ['kops/kubelet-anonymous-auth-disabled'],
    values: [],
    parts: [clusterSpec('kops/kubelet')],
  },
  {
    id: 'rbac',
    provider: 'kops',
    title: 'Authorise API requests with RBAC',
    apply: `${APPLY_CLUSTER} The control plane picks it up after \`kops rolling-update cluster --yes\`.`,
    rules: ['kops/rbac-authorization', 'kops/authorization-mode-not-always-allow'],
    values: [],
    parts: [clusterSpec('kops/authorization')],
  },
  {
    id: 'network-policy',
    provider: 'kops',
    title: 'Use a CNI that enforces NetworkPolicy',
    apply:
      'Set it when you create the cluster: changing the CNI of a running cluster replaces pod networking and needs a migration plan.',
    rules: ['kops/network-policy-capable'],
    values: ['networking'],
    parts: [clusterSpec('kops/networking')],
  },
  {
    id: 'audit-logging',
    provider: 'kops',
    title: 'Record API server audit logs: the kubeAPIServer fields, the policy file asset and the policy',
    apply: `${APPLY_CLUSTER} The control plane picks it up after \`kops rolling-update cluster --yes\`.`,
    rules: ['kops/audit-logging-enabled'],
    values: ['auditLevel', 'auditMaxAge', 'auditMaxBackups', 'auditMaxSize'],
    parts: [clusterSpec('kops/kube-api-server', 'kops/audit-file-asset')],
  },
  {
    id: 'secrets-encryption',
    provider: 'kops',
    title: 'Encrypt Secrets in etcd',
    apply:
      'Create the key first (the commands), then set encryptionConfig in the Cluster spec and run `kops update cluster --yes` and `kops rolling-update cluster --yes` for the control plane. Existing Secrets are encrypted when they are next written.',
    rules: ['kops/secrets-encrypted-at-rest'],
    values: ['name', 'state'],
    parts: [
      shell('kops/cluster-env', 'kops/encryption-config-secret'),
      clusterSpec('kops/encryption-config'),
    ],
  },
  {
    id: 'instance-metadata',
    provider: 'kops',
    title: 'Require IMDSv2 with a hop limit of 1',
    apply:
      'Merge it into every InstanceGroup (`kops edit ig NAME`), then `kops update cluster --yes` and `kops rolling-update cluster --yes`.',
    rules: ['kops/imds-v2-required'],
    values: ['imdsHopLimit'],
    parts: [instanceGroupSpec('kops/instance-metadata')],
  },
];
