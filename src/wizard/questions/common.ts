import type { QuestionGroup } from '../types.ts';
import { validateClusterName } from '../validate.ts';
import { validateGkeClusterName } from './gke.ts';

/** Asked for every provider: which generator runs, and the cluster's name. */
export const commonQuestions: QuestionGroup = {
  id: 'common',
  applies: () => true,
  questions: [
    {
      name: 'provider',
      flag: 'provider',
      type: 'select',
      message: 'Where will the cluster run?',
      why: 'kops on AWS and GKE need different specs; the hardened settings are the same ideas in different fields.',
      choices: [
        { value: 'kops', name: 'kops (AWS)', description: 'A kops Cluster spec and its InstanceGroups' },
        { value: 'gke', name: 'GKE', description: 'A gcloud script that creates a hardened GKE cluster' },
      ],
      default: 'kops',
    },
    {
      name: 'name',
      flag: 'name',
      type: 'input',
      placeholder: 'NAME',
      message: 'Cluster name',
      why: 'kops uses it as the DNS name of the cluster and as the key in the state store, so it cannot change later.',
      normalise: (value) => String(value).trim().toLowerCase(),
      validate: (value, answers) =>
        answers.provider === 'kops'
          ? validateClusterName(value)
          : answers.provider === 'gke'
            ? validateGkeClusterName(value)
            : value
              ? true
              : 'a cluster name is required',
    },
  ],
};
