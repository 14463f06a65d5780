import { renderTemplate } from '../render/handlebars.ts';
import { parseKubernetesVersion } from '../versions/support.ts';
import type { ClusterProvider } from '../wizard/questions/common.ts';
import { parseOwners } from '../wizard/questions/workload.ts';
import type { Answers } from '../wizard/types.ts';
import { type WorkloadAnswers, workloadAnswers } from './answers.ts';
import type { GeneratedFile, Generator } from './types.ts';

/** Everything the templates under templates/workload/ read. */
export interface WorkloadContext {
  role: string;
  namespaces: { name: string; owners: string }[];
  bindings: { name: string; group: string; roleBindings: { clusterRole: string; namespace: string }[] }[];
  /** The namespace the example workload goes to: the first application namespace. */
  namespace: string;
  /** Where the group names come from on this provider, one comment line each. */
  groupSource: string[];
  /**
   * Pod Security admission is on by default from Kubernetes 1.23 (beta; GA in 1.25). The namespaces use
   * `-version: latest`, the profile of the version the cluster runs, whichever that is.
   */
  podSecurityAdmission: boolean;
  /** `securityContext.appArmorProfile` exists from Kubernetes 1.30; older versions read the annotation. */
  appArmorField: boolean;
}

const GROUP_SOURCE: Record<ClusterProvider, string[]> = {
  kops: [
    'Group names are what the API server authenticator reports: an OIDC groups claim',
    '(kubeAPIServer.oidcGroupsClaim) or groups mapped by aws-iam-authenticator.',
  ],
  gke: [
    'On GKE, Google Groups are RBAC groups only with Google Groups for RBAC turned on',
    '(gcloud container clusters update CLUSTER --security-group=gke-security-groups@YOUR-DOMAIN).',
  ],
};

/**
 * A DNS-label-like binding name for a group (`Platform Team@example.com` → `platform-team-example-com`):
 * RBAC Manager names the RoleBindings it creates `<definition>-<binding>-<role>`.
 */
export function bindingName(group: string, taken: ReadonlySet<string>): string {
  const base =
    group
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || 'group';
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
  return name;
}

/** What the chosen Kubernetes version decides in the manifests (no version: the newest behaviour). */
function versionSettings(version: unknown): Pick<WorkloadContext, 'podSecurityAdmission' | 'appArmorField'> {
  const parsed = parseKubernetesVersion(version);
  if (parsed?.major !== 1) return { podSecurityAdmission: true, appArmorField: true };
  return {
    // https://kubernetes.io/docs/concepts/security/pod-security-admission/: beta and on by default in
    // v1.23, stable in v1.25; v1.22 had it as an alpha behind a feature gate.
    podSecurityAdmission: parsed.minor >= 23,
    // The appArmorProfile field is GA in 1.30 (https://kubernetes.io/docs/tutorials/security/apparmor/);
    // an API server before that drops the unknown field, so the annotation is what works there.
    appArmorField: parsed.minor >= 30,
  };
}

export function workloadContext(answers: WorkloadAnswers): WorkloadContext {
  const owners = parseOwners(answers.namespaceOwners);
  const groups = [...new Set(owners.map((o) => o.group))];
  const taken = new Set<string>();
  const bindings = groups.map((group) => {
    const name = bindingName(group, taken);
    taken.add(name);
    return {
      name,
      group,
      roleBindings: owners
        .filter((o) => o.group === group)
        .map((o) => ({ clusterRole: answers.namespaceRole, namespace: o.namespace })),
    };
  });
  return {
    role: answers.namespaceRole,
    namespaces: answers.namespaces.map((name) => ({
      name,
      owners:
        owners
          .filter((o) => o.namespace === name)
          .map((o) => o.group)
          .join(', ') || 'none (cluster administrators only)',
    })),
    bindings,
    namespace: answers.namespaces[0] ?? 'apps',
    groupSource: answers.provider ? GROUP_SOURCE[answers.provider] : [],
    ...versionSettings(answers.kubernetesVersion),
  };
}

/** Cluster-level manifests under k8s/: the same for every provider. */
export const workloadGenerator: Generator = {
  id: 'workload',
  applies: (answers) => answers.provider === 'kops' || answers.provider === 'gke',
  generate(answers: Answers): GeneratedFile[] {
    const context = workloadContext(workloadAnswers(answers));
    return ['namespaces', 'network-policies', 'rbac-definition', 'workload-example'].map((name) => ({
      path: `k8s/${name}.yaml`,
      content: renderTemplate(`workload/${name}.yaml`, context),
    }));
  },
};
