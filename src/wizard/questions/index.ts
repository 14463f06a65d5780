// Every question group, in the order they are asked. Add a provider's or feature's own file here.
import type { Question, QuestionGroup } from '../types.ts';
import { commonQuestions } from './common.ts';
import { gkeQuestions } from './gke.ts';
import { kopsQuestions } from './kops.ts';
import { workloadQuestions } from './workload.ts';

export const questionGroups: readonly QuestionGroup[] = [
  commonQuestions,
  kopsQuestions,
  gkeQuestions,
  workloadQuestions,
];

/** Every question of every group (for flags and the answers file keys). */
export function allQuestions(groups: readonly QuestionGroup[] = questionGroups): Question[] {
  // A question shared by several groups (the API allowlist) is one flag and one answer key.
  return [...new Set(groups.flatMap((group) => group.questions))];
}
