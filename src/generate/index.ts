import { KsecError } from '../util/errors.ts';
import { ANSWERS_FILE, formatAnswers } from '../wizard/answers-file.ts';
import type { Answers } from '../wizard/types.ts';
import { gkeGenerator } from './gke.ts';
import { kopsGenerator } from './kops.ts';
import type { GeneratedFile, Generator } from './types.ts';
import { workloadGenerator } from './workload.ts';

/**
 * Every generator, in output order. A provider's generator applies to its own provider; a
 * feature's (e.g. cluster-level manifests under k8s/) may apply to several.
 */
export const generators: readonly Generator[] = [kopsGenerator, gkeGenerator, workloadGenerator];

/**
 * The files `ksec init` writes for these answers: each applicable generator's files plus
 * ksec.answers.yaml, so `ksec init --answers ksec.answers.yaml --yes` reproduces them.
 */
export function generate(answers: Answers, list: readonly Generator[] = generators): GeneratedFile[] {
  const applicable = list.filter((generator) => generator.applies(answers));
  if (applicable.length === 0)
    throw new KsecError(
      `no generator for provider ${JSON.stringify(answers.provider)} in this version of ksec`,
    );
  const files = applicable.flatMap((generator) => generator.generate(answers));
  files.push({ path: ANSWERS_FILE, content: formatAnswers(answers) });
  const seen = new Set<string>();
  for (const file of files) {
    if (seen.has(file.path)) throw new Error(`two generators write ${file.path}`);
    seen.add(file.path);
  }
  return files;
}

export type { GeneratedFile, Generator } from './types.ts';
