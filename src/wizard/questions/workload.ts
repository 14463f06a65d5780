import { choicesOf } from '../choices.ts';
import type { Answers, QuestionGroup } from '../types.ts';
import { toList } from '../validate.ts';

/** Namespaces Kubernetes itself owns: ksec never generates (and so never locks down) these. */
const RESERVED_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
const NAMESPACE = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** The ClusterRoles a namespace-owning group can get in its namespaces (all built into Kubernetes). */
export const NAMESPACE_ROLES = ['edit', 'admin', 'view'] as const;

export const DEFAULT_NAMESPACES = ['apps'];

/** `apps` → `apps-developers`: the group that owns a namespace when none is named. */
export function defaultOwner(namespace: string): string {
  return `${namespace}-developers`;
}

export function validateNamespaces(value: unknown): true | string {
  if (!Array.isArray(value) || value.length === 0)
    return 'at least one application namespace is required, e.g. apps';
  for (const name of value.map(String)) {
    if (!NAMESPACE.test(name))
      return `"${name}" is not a namespace name: 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit`;
    if (RESERVED_NAMESPACES.has(name))
      return `"${name}" belongs to Kubernetes itself; name the namespaces your applications run in`;
    if (name.startsWith('kube-'))
      return `"${name}": the kube- prefix is reserved for Kubernetes system namespaces`;
  }
  return true;
}

/** `namespace=group` entries; a group may own several namespaces, a namespace several groups. */
export interface Ownership {
  namespace: string;
  group: string;
}

export function parseOwners(value: unknown): Ownership[] {
  return toList(value).map((entry) => {
    const at = entry.indexOf('=');
    return at < 0
      ? { namespace: '', group: entry }
      : { namespace: entry.slice(0, at).trim(), group: entry.slice(at + 1).trim() };
  });
}

/**
 * Group names go into RBAC subjects and rbac-manager binding names. They are what the cluster's
 * authenticator reports (an IAM-mapped group, a Google Group e-mail), so only characters that
 * cannot break YAML or a name are refused.
 */
const GROUP = /^[A-Za-z0-9][A-Za-z0-9@._:+-]{0,252}$/;

export function validateOwners(value: unknown, answers: Answers): true | string {
  const namespaces = Array.isArray(answers.namespaces) ? answers.namespaces.map(String) : [];
  if (parseOwners(value).length === 0)
    return `name at least one owning group, e.g. ${namespaces[0] ?? 'apps'}=${defaultOwner(namespaces[0] ?? 'apps')}`;
  for (const { namespace, group } of parseOwners(value)) {
    if (namespace === '')
      return `"${group}" names no namespace: write NAMESPACE=GROUP, e.g. ${namespaces[0] ?? 'apps'}=${group}`;
    if (!namespaces.includes(namespace))
      return `"${namespace}" is not one of the application namespaces (${namespaces.join(', ')})`;
    if (!GROUP.test(group))
      return `"${group}" is not a group name ksec can write: letters, digits and @ . _ : + -, starting with a letter or digit`;
  }
  return true;
}

/** Cluster-level manifests under k8s/, for every provider: namespaces, their owners and the role they get. */
export const workloadQuestions: QuestionGroup = {
  id: 'workload',
  applies: (answers) => answers.provider === 'kops' || answers.provider === 'gke',
  questions: [
    {
      name: 'namespaces',
      flag: 'namespaces',
      type: 'list',
      placeholder: 'NAME,…',
      message: 'Application namespaces (comma-separated)',
      why: 'Namespaces are the unit of access control, network policy and Pod Security: one per team or application keeps a mistake in one from reaching the others.',
      default: DEFAULT_NAMESPACES,
      normalise: (value) => toList(value).map((name) => name.toLowerCase()),
      validate: validateNamespaces,
    },
    {
      name: 'namespaceOwners',
      label: 'Namespace owners',
      flag: 'namespace-owners',
      type: 'list',
      placeholder: 'NAMESPACE=GROUP,…',
      message: 'Groups that own each namespace (NAMESPACE=GROUP, comma-separated)',
      why: 'Access granted to groups, not people, survives team changes: RBAC Manager binds each group to a role in its namespaces only.',
      defaultHelp: 'NAMESPACE=NAMESPACE-developers for each namespace',
      default: (answers: Answers) =>
        (Array.isArray(answers.namespaces) ? answers.namespaces.map(String) : DEFAULT_NAMESPACES).map(
          (namespace) => `${namespace}=${defaultOwner(namespace)}`,
        ),
      normalise: (value) =>
        parseOwners(value).map(({ namespace, group }) =>
          namespace ? `${namespace.toLowerCase()}=${group}` : group,
        ),
      validate: validateOwners,
    },
    {
      name: 'namespaceRole',
      label: 'Role of the owning groups',
      flag: 'namespace-role',
      type: 'select',
      message: 'Role each group gets in the namespaces it owns',
      why: 'edit lets a team deploy without changing who has access; admin adds managing RoleBindings; view is read-only.',
      choices: choicesOf(NAMESPACE_ROLES, {
        edit: { name: 'edit', description: 'Deploy and change workloads, not RBAC (recommended)' },
        admin: { name: 'admin', description: 'edit plus Roles and RoleBindings inside the namespace' },
        view: { name: 'view', description: 'Read-only, Secrets excluded' },
      }),
      default: 'edit',
    },
  ],
};
