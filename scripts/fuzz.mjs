#!/usr/bin/env node
// npm run fuzz -- [--minutes N] [--out DIR]
// Runs the mutation fuzzer of test/engine/fuzz.test.ts (and, when ../shared/corpus is there, of the
// corpus tier) for N minutes with fresh seeds, instead of the fixed seed `npm test` uses. Each failing
// input is shrunk and kept in DIR (default fuzz-failures/) with the error beside it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] !== undefined ? args[index + 1] : fallback;
};
const minutes = Number(option('minutes', '1'));
if (!Number.isFinite(minutes) || minutes <= 0) {
  console.error('fuzz: --minutes takes a number above 0');
  process.exit(2);
}
const out = resolve(option('out', join(root, 'fuzz-failures')));
const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
const env = { ...process.env, KSEC_FUZZ_MINUTES: String(minutes), KSEC_FUZZ_FAILURES: out };

const suites = [['run', 'test/engine/fuzz.test.ts']];
if (existsSync(process.env.KSEC_CORPUS_ROOT ?? join(root, '..', 'shared', 'corpus'))) {
  suites.push(['run', '--config', 'vitest.corpus.config.ts', 'test/corpus/fuzz.test.ts']);
}
let status = 0;
for (const suite of suites) {
  const result = spawnSync(process.execPath, [vitest, ...suite], { cwd: root, env, stdio: 'inherit' });
  status ||= result.status ?? 1;
}
process.exit(status);
