// Benchmarks: wall-clock start-up of the built CLI per command, and checker throughput.
// Speed is measured here, never asserted in tests. Usage: npm run bench [-- --runs 20]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'ksec.js');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 15;
const corpus = join(root, '..', 'shared', 'corpus', 'kops');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(args) {
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'ignore' });
    const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status === null) throw new Error(`${args.join(' ')} did not exit`);
    if (i >= 2) samples.push(elapsed); // two warm-up runs fill the file cache
  }
  return { median: median(samples), min: Math.min(...samples), max: Math.max(...samples) };
}

const cases = [
  ['node -e 0 (baseline)', ['-e', '0']],
  ['ksec --version', [bin, '--version']],
  ['ksec diff examples/kops-cluster.yaml', [bin, 'diff', 'examples/kops-cluster.yaml']],
  ['ksec diff --format json', [bin, 'diff', 'examples/kops-cluster.yaml', '--format', 'json']],
];
if (existsSync(corpus)) cases.push([`ksec diff <kops corpus: ../shared/corpus/kops>`, [bin, 'diff', corpus]]);

console.log(`node ${process.version}, ${runs} runs each (median, min-max, ms)`);
for (const [name, args] of cases) {
  const t = time(args);
  console.log(
    `${name.padEnd(48)} ${t.median.toFixed(1).padStart(7)}  (${t.min.toFixed(1)}-${t.max.toFixed(1)})`,
  );
}

// In-process throughput: parse and check the example many times.
const { checkText } = await import(join(root, 'dist', 'index.js'));
const { readFileSync } = await import('node:fs');
const text = readFileSync(join(root, 'examples', 'kops-cluster.yaml'), 'utf8');
const iterations = 500;
const start = process.hrtime.bigint();
for (let i = 0; i < iterations; i++) checkText(text, 'bench.yaml');
const perFile = Number(process.hrtime.bigint() - start) / 1e6 / iterations;
console.log(
  `checkText(examples/kops-cluster.yaml) in-process: ${perFile.toFixed(2)} ms per file (${iterations} iterations)`,
);
