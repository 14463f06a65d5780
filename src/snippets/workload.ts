// Kubernetes manifest snippet topics (namespaces, NetworkPolicies, RBAC Manager, pod security). Each
// renders a template or partial from templates/workload/, the one `ksec init` writes k8s/ with, from
// the same context (workloadContext) built from the same wizard answers.
import { workloadAnswers } from '../generate/answers.ts';
import type { ClusterProvider } from '../wizard/questions/common.ts';
import type { Answers } from '../wizard/types.ts';
import type { SnippetPart, SnippetTopic } from './types.ts';

/** The wizard question group whose answers (--namespaces, --namespace-owners, --namespace-role) apply. */
const WORKLOAD_ANSWERS = ['workload'] as const;

async function renderWorkload(
  kind: 'template' | 'partial',
  name: string,
  answers: Answers,
  clusterProvider: ClusterProvider,
): Promise<string> {
  const [{ workloadContext }, { renderPartial, renderTemplate }] = await Promise.all([
    import('../generate/workload.ts'),
    import('../render/handlebars.ts'),
  ]);
  const context = workloadContext({ ...workloadAnswers(answers), provider: clusterProvider });
  return kind === 'template' ? renderTemplate(name, context) : renderPartial(name, context);
}

function manifest(template: string, where: string, clusterProvider: ClusterProvider = 'kops'): SnippetPart {
  return {
    language: 'yaml',
    where,
    render: (answers) => renderWorkload('template', template, answers, clusterProvider),
  };
}

function fragment(partial: string, where: string): SnippetPart {
  return {
    language: 'yaml',
    where,
    render: (answers) => renderWorkload('partial', partial, answers, 'kops'),
  };
}

const APPLY_MANIFEST =
  'Save it as a file and `kubectl apply -f` it, or add it to the manifests you deploy with.';

function rbacManager(provider: ClusterProvider): SnippetTopic {
  return {
    id: 'rbac-manager',
    provider,
    title: 'Namespace access for groups, kept in sync by RBAC Manager',
    why: 'One RBACDefinition states who may do what in which namespace; RBAC Manager creates the RoleBindings and removes the ones nobody declared, so access is reviewed in one file instead of spread over kubectl commands.',
    apply:
      'Install RBAC Manager (Helm chart fairwinds-stable/rbac-manager), then `kubectl apply -f` the definition. Change access here, not with `kubectl create rolebinding`.',
    rules: [],
    values: ['namespaceOwners', 'namespaceRole', 'namespaces'],
    answerGroups: WORKLOAD_ANSWERS,
    parts: [manifest('workload/rbac-definition.yaml', 'Kubernetes manifest', provider)],
  };
}

export const workloadTopics: readonly SnippetTopic[] = [
  {
    id: 'namespaces',
    provider: 'workload',
    title: 'Application namespaces that enforce the restricted Pod Security profile',
    why: 'Pod Security Admission refuses pods that could run as root, keep capabilities or escalate privileges in a namespace labelled restricted: the baseline holds even for manifests nobody reviewed.',
    apply: APPLY_MANIFEST,
    rules: [],
    values: ['namespaces', 'namespaceOwners'],
    answerGroups: WORKLOAD_ANSWERS,
    parts: [manifest('workload/namespaces.yaml', 'Kubernetes manifest')],
  },
  {
    id: 'default-deny',
    provider: 'workload',
    title: 'Deny all traffic by default in each application namespace, except DNS',
    why: 'Without a NetworkPolicy every pod can reach every other pod; starting closed turns each allowed flow into a reviewed policy. It needs a CNI that enforces NetworkPolicy.',
    apply: `${APPLY_MANIFEST} Then add one policy per flow you allow.`,
    rules: [],
    values: ['namespaces'],
    answerGroups: WORKLOAD_ANSWERS,
    parts: [manifest('workload/network-policies.yaml', 'Kubernetes manifest')],
  },
  rbacManager('kops'),
  rbacManager('gke'),
  {
    id: 'pod-security-context',
    provider: 'workload',
    title: 'Run as a non-root user with RuntimeDefault seccomp and AppArmor, no privileges, no capabilities',
    apply:
      'Put the pod part under `spec.template.spec` of a Deployment (or `spec` of a Pod) and the container part under each entry of `containers` and `initContainers`.',
    rules: [
      'workload/run-as-non-root',
      'workload/seccomp-runtime-default',
      'workload/apparmor-not-unconfined',
      'workload/privileged-disabled',
      'workload/allow-privilege-escalation-disabled',
      'workload/capabilities-drop-all',
      'workload/read-only-root-filesystem',
    ],
    values: [],
    answerGroups: WORKLOAD_ANSWERS,
    parts: [
      fragment('workload/pod-security-context', 'pod spec'),
      fragment('workload/container-security-context', 'every container'),
    ],
  },
];
