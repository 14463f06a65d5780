// Mutation fuzzing in `npm test`: a fixed seed and a few thousand mutated real specs (the examples,
// the rule and Pod Security fixtures, init's snapshots) through checkText, every report format and
// applyFixes. `npm run fuzz -- --minutes N` runs the same for longer with fresh seeds and keeps each
// failing input, shrunk, under fuzz-failures/.
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exercise, mutate, mutation, saveFailure, seedFiles } from '../helpers/fuzz.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const SEEDS = seedFiles([
  join(ROOT, 'examples'),
  join(ROOT, 'test', 'fixtures', 'rules'),
  join(ROOT, 'test', 'fixtures', 'psa'),
  join(ROOT, 'snapshots', 'init'),
]);
const minutes = Number(process.env.KSEC_FUZZ_MINUTES ?? 0);
const failures = process.env.KSEC_FUZZ_FAILURES ?? join(ROOT, 'fuzz-failures');

describe('mutation fuzzing', () => {
  it('has real seeds', () => expect(SEEDS.length).toBeGreaterThan(200));

  const timeout = minutes > 0 ? minutes * 60_000 + 60_000 : 120_000;
  it('nothing throws, every report stays valid, --fix changes only what it fixes', { timeout }, () => {
    const property = fc.property(
      fc.constantFrom(...SEEDS),
      fc.array(mutation, { minLength: 1, maxLength: 4 }),
      (seed, mutations) => {
        exercise(mutate(seed.text, mutations), seed.name.replace(/^.*\//, ''));
      },
    );
    if (minutes <= 0) {
      fc.assert(property, { seed: 20261201, numRuns: 3000 });
      return;
    }
    // npm run fuzz: fresh seeds until the time is up; each failure is shrunk and kept.
    const end = Date.now() + minutes * 60_000;
    let runs = 0;
    const found: string[] = [];
    while (Date.now() < end) {
      const seed = Date.now() ^ (runs * 2654435761);
      const outcome = fc.check(property, { seed, numRuns: 2000, interruptAfterTimeLimit: end - Date.now() });
      runs += outcome.numRuns;
      if (outcome.failed && outcome.counterexample) {
        const [input, mutations] = outcome.counterexample;
        found.push(saveFailure(failures, String(seed), mutate(input.text, mutations), outcome.errorInstance));
      }
    }
    console.log(`fuzz: ${runs} inputs in ${minutes} min, ${found.length} failing kept in ${failures}`);
    expect(found).toEqual([]);
  });
});
