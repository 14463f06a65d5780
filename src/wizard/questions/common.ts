import { choicesOf } from '../choices.ts';
import type { Answers, QuestionGroup, Suggestion } from '../types.ts';
import { validateClusterName } from '../validate.ts';
import { validateGkeClusterName } from './gke.ts';

const KOPS_NAME_WHY =
  'kops uses it as the DNS name of the cluster and as the key in the state store, so it cannot change later.';
const GKE_NAME_WHY =
  'The name of the cluster in its project and location (what gcloud and the console show): up to 40 lower-case letters, digits and -; it cannot change later.';

/** The providers ksec init writes a cluster for (the answer to --provider). */
export const CLUSTER_PROVIDERS = ['kops', 'gke'] as const;
export type ClusterProvider = (typeof CLUSTER_PROVIDERS)[number];

/**
 * A valid name close to a refused one: `My_Cluster` → `my-cluster` (GKE), and for kops, which needs
 * a dot, `my-cluster.k8s.local` (a name that needs no DNS zone, see validateClusterName).
 */
function suggestClusterName(value: unknown, answers: Answers): Suggestion | undefined {
  const label = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^-+|-+$/g, '');
  const text = String(value ?? '').trim();
  if (text === '') return undefined;
  if (answers.provider === 'gke') {
    const name = label(text.replaceAll('.', '-'))
      .replace(/^[^a-z]+/, '')
      .slice(0, 40)
      .replace(/-+$/, '');
    return name && name !== text ? { value: name, message: `Use ${name}?` } : undefined;
  }
  const parts = text
    .split('.')
    .map(label)
    .filter((part) => part !== '');
  const name = parts.length >= 2 ? parts.join('.') : `${parts[0] ?? ''}.k8s.local`;
  if (parts.length === 0 || name === text) return undefined;
  return {
    value: name,
    message:
      parts.length >= 2 ? `Use ${name}?` : `Use ${name}? (a .k8s.local name needs no DNS zone of yours)`,
  };
}

/** Asked for every provider: which generator runs, and the cluster's name. */
export const commonQuestions: QuestionGroup = {
  id: 'common',
  applies: () => true,
  questions: [
    {
      name: 'provider',
      label: 'Provider',
      flag: 'provider',
      type: 'select',
      message: 'Where will the cluster run?',
      why: 'kops on AWS and GKE need different specs; the hardened settings are the same ideas in different fields.',
      choices: choicesOf(CLUSTER_PROVIDERS, {
        kops: { name: 'kops (AWS)', description: 'A kops Cluster spec and its InstanceGroups' },
        gke: { name: 'GKE', description: 'A gcloud script that creates a hardened GKE cluster' },
      }),
      default: 'kops',
    },
    {
      name: 'name',
      flag: 'name',
      type: 'input',
      placeholder: 'NAME',
      message: 'Cluster name (kops: a DNS name; GKE: up to 40 lower-case letters, digits and -)',
      why: "kops makes it the cluster's DNS name and its key in the state store; GKE names the cluster with it in its project and location. It cannot change later.",
      prompt: (answers) =>
        answers.provider === 'gke'
          ? { message: 'Cluster name (e.g. prod)', why: GKE_NAME_WHY }
          : { message: 'Cluster name (a DNS name, e.g. dev.example.com)', why: KOPS_NAME_WHY },
      normalise: (value) => String(value).trim().toLowerCase(),
      validate: (value, answers) =>
        answers.provider === 'kops'
          ? validateClusterName(value)
          : answers.provider === 'gke'
            ? validateGkeClusterName(value)
            : value
              ? true
              : 'a cluster name is required',
      suggest: suggestClusterName,
    },
  ],
};
