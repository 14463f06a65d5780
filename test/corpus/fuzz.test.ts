// The mutation fuzzer on the real corpora (kops' own manifests, GKE describe output, kubesec's
// workloads): the seeds `npm test` cannot read, since they live outside the repository.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { exercise, mutate, mutation, saveFailure, seedFiles } from '../helpers/fuzz.ts';
import { corpusDir } from './corpus-root.ts';

const dirs = ['kops', 'kops-completed', 'kops-extra', 'gke', 'workloads']
  .map((name) => corpusDir(name))
  .filter((dir) => dir !== undefined);
const minutes = Number(process.env.KSEC_FUZZ_MINUTES ?? 0);

describe.runIf(dirs.length > 0)('mutation fuzzing on the corpora', () => {
  const seeds = seedFiles(dirs);
  const timeout = minutes > 0 ? minutes * 60_000 + 60_000 : 120_000;
  it('nothing throws, every report stays valid, --fix changes only what it fixes', { timeout }, () => {
    const property = fc.property(
      fc.constantFrom(...seeds),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (seed, mutations) => exercise(mutate(seed.text, mutations), seed.name.replace(/^.*\//, '')),
    );
    if (minutes <= 0) {
      fc.assert(property, { seed: 20261202, numRuns: 2000 });
      return;
    }
    const end = Date.now() + minutes * 60_000;
    const found: string[] = [];
    for (let round = 0; Date.now() < end; round++) {
      const seed = Date.now() ^ (round * 2654435761);
      const outcome = fc.check(property, { seed, numRuns: 2000, interruptAfterTimeLimit: end - Date.now() });
      if (outcome.failed && outcome.counterexample) {
        const [input, mutations] = outcome.counterexample;
        const out = process.env.KSEC_FUZZ_FAILURES ?? 'fuzz-failures';
        found.push(saveFailure(out, String(seed), mutate(input.text, mutations), outcome.errorInstance));
      }
    }
    if (found.length > 0) throw new Error(`fuzz: ${found.length} failing inputs kept: ${found.join(', ')}`);
  });
});
