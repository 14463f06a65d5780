#!/usr/bin/env node
// npm run bench [-- --quick]: how fast ksec starts and how it scales, as ratios on this machine.
// Speed is measured here, never asserted in a test. Prints a table and writes bench/results.json.
//  1. start-up, in instructions counted by valgrind --tool=callgrind (repeatable on a busy machine):
//     node -e 0, ksec --version, ksec diff examples/kops-cluster.yaml --format json, and a bundled
//     script that only imports yargs and yaml and parses the same file;
//  2. 2,000 and 20,000 generated files (kops multi-document specs, GKE JSON, workloads): CPU time of
//     ksec against a script that only reads and parses them with yaml, both on one core (taskset -c 0);
//     ksec's wall time on one core against all cores; peak RSS of each;
//  3. one file of 2,000 Pods against one of 16,000: the time ratio.
// --quick skips the 20,000-file set.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, 'bin', 'ksec.js');
const quick = process.argv.includes('--quick');
const work = mkdtempSync(join(tmpdir(), 'ksec-bench-'));
const results = { node: process.version, cores: availableParallelism(), date: new Date().toISOString() };

function need(command) {
  const found = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  if (found.status !== 0) {
    console.error(
      `bench: ${command} is needed (apt install ${command === 'taskset' ? 'util-linux' : command})`,
    );
    process.exit(2);
  }
}
need('valgrind');
need('taskset');

// --- 1. start-up, in instructions -------------------------------------------------------------
const parseOnlySource = join(work, 'parse-only-entry.mjs');
writeFileSync(
  parseOnlySource,
  `import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { parseAllDocuments } from 'yaml';
const argv = yargs(process.argv.slice(2)).command('diff <files..>', 'parse').parseSync();
for (const file of argv.files) for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) doc.toJS();
`,
);
const parseOnly = join(work, 'parse-only.mjs');
await build({
  entryPoints: [parseOnlySource],
  outfile: parseOnly,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  nodePaths: [join(root, 'node_modules')],
  banner: {
    js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  },
  logLevel: 'warning',
});

function instructions(args) {
  const run = spawnSync(
    'valgrind',
    ['--tool=callgrind', '--callgrind-out-file=/dev/null', process.execPath, ...args],
    {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    },
  );
  const match = /Collected : (\d+)/.exec(run.stderr);
  if (!match) throw new Error(`callgrind printed no count for ${args.join(' ')}:\n${run.stderr.slice(-500)}`);
  return Number(match[1]);
}

const example = 'examples/kops-cluster.yaml';
const startup = {
  'node -e 0': instructions(['-e', '0']),
  'ksec --version': instructions([bin, '--version']),
  [`ksec diff ${example} --format json`]: instructions([bin, 'diff', example, '--format', 'json']),
  'yargs + yaml, parse only (bundled)': instructions([parseOnly, 'diff', example]),
};
const base = startup['node -e 0'];
results.startup = Object.fromEntries(
  Object.entries(startup).map(([name, count]) => [name, { instructions: count, ratio: round(count / base) }]),
);

// --- 2. many files ----------------------------------------------------------------------------
const kops = readFileSync(join(root, 'examples', 'kops-cluster.yaml'), 'utf8');
const workload = readFileSync(join(root, 'examples', 'deployment.yaml'), 'utf8');
const gke = readFileSync(join(root, 'examples', 'gke-cluster.yaml'), 'utf8');
const gkeJson = JSON.stringify(parseGke(gke), null, 2);

function parseGke(text) {
  // The example is YAML; GKE's describe --format json is the same object.
  const run = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `import { parse } from 'yaml'; process.stdout.write(JSON.stringify(parse(${JSON.stringify(text)})));`,
    ],
    {
      cwd: root,
      encoding: 'utf8',
    },
  );
  return JSON.parse(run.stdout);
}

function files(count) {
  const dir = join(work, `files-${count}`);
  mkdirSync(dir);
  for (let i = 0; i < count; i++) {
    const name = `spec-${String(i).padStart(6, '0')}`;
    if (i % 3 === 0)
      writeFileSync(join(dir, `${name}.yaml`), kops.replaceAll('demo.example.com', `c${i}.example.com`));
    else if (i % 3 === 1) writeFileSync(join(dir, `${name}.yaml`), workload.replaceAll('shop', `shop-${i}`));
    else writeFileSync(join(dir, `${name}.json`), gkeJson.replace('"name": "', `"name": "c${i}-`));
  }
  return dir;
}

const parseDir = join(work, 'parse-dir.mjs');
writeFileSync(
  parseDir,
  `import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from ${JSON.stringify(join(root, 'node_modules', 'yaml', 'dist', 'index.js'))};
const dir = process.argv[2];
for (const name of readdirSync(dir).sort()) for (const doc of parseAllDocuments(readFileSync(join(dir, name), 'utf8'))) doc.toJS();
`,
);

/** CPU seconds, wall seconds and peak RSS (MB) of one command, by GNU time. */
function measure(command, args) {
  const run = spawnSync('/usr/bin/time', ['-f', 'BENCH %U %S %e %M', command, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 1 << 30,
  });
  const match = /BENCH ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(run.stderr);
  if (!match) throw new Error(`no timing for ${args.join(' ')}:\n${run.stderr.slice(-500)}`);
  return {
    cpu: Number(match[1]) + Number(match[2]),
    wall: Number(match[3]),
    rssMb: round(Number(match[4]) / 1024),
  };
}

results.files = {};
for (const count of quick ? [2000] : [2000, 20000]) {
  const dir = files(count);
  const parse = measure('taskset', ['-c', '0', process.execPath, parseDir, dir]);
  const oneCore = measure('taskset', [
    '-c',
    '0',
    process.execPath,
    bin,
    'diff',
    dir,
    '--format',
    'json',
    '--jobs',
    '1',
  ]);
  const allCores = measure(process.execPath, [bin, 'diff', dir, '--format', 'json']);
  results.files[count] = {
    parseOnly: parse,
    ksecOneCore: oneCore,
    ksecAllCores: allCores,
    throughputVsParseOnly: round(parse.cpu / oneCore.cpu),
    allCoresSpeedup: round(oneCore.wall / allCores.wall),
  };
  rmSync(dir, { recursive: true, force: true });
}

// --- 3. one file of many Pods -----------------------------------------------------------------
function pods(count) {
  const file = join(work, `pods-${count}.yaml`);
  let text = '';
  for (let i = 0; i < count; i++) {
    text += `---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p${i}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    securityContext:\n      privileged: false\n`;
  }
  writeFileSync(file, text);
  return file;
}
const small = measure(process.execPath, [bin, 'diff', pods(2000), '--format', 'json']);
const large = measure(process.execPath, [bin, 'diff', pods(16000), '--format', 'json']);
results.pods = { 2000: small, 16000: large, timeRatio: round(large.wall / small.wall) };

rmSync(work, { recursive: true, force: true });
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);

// --- the table --------------------------------------------------------------------------------
const rows = [['measure', 'value', 'target']];
for (const [name, { instructions: count, ratio }] of Object.entries(results.startup)) {
  const target = name === 'ksec --version' ? '≤ 1.3×' : name.startsWith('ksec diff') ? '≤ 2.0×' : '';
  rows.push([`start-up: ${name}`, `${(count / 1e9).toFixed(2)} G instr, ${ratio}× node -e 0`, target]);
}
for (const [count, r] of Object.entries(results.files)) {
  rows.push([`${count} files: one core vs parse-only (throughput)`, `${r.throughputVsParseOnly}×`, '≥ 0.8×']);
  rows.push([`${count} files: all cores vs one core (wall)`, `${r.allCoresSpeedup}×`, '≥ 1.5×']);
  rows.push([
    `${count} files: peak RSS, one core / all cores`,
    `${r.ksecOneCore.rssMb} / ${r.ksecAllCores.rssMb} MB`,
    count === '2000' ? '≤ 150 MB' : '≤ 1.2× the 2,000-file figure',
  ]);
  rows.push([
    `${count} files: CPU s ksec / parse-only`,
    `${r.ksecOneCore.cpu.toFixed(2)} / ${r.parseOnly.cpu.toFixed(2)}`,
    '',
  ]);
}
rows.push(['16,000 Pods vs 2,000 Pods in one file (time)', `${results.pods.timeRatio}×`, '≤ 10×']);
const width = [0, 1, 2].map((i) => Math.max(...rows.map((row) => row[i].length)));
console.log(`node ${results.node}, ${results.cores} cores`);
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(width[i])).join('  '));
console.log('written: bench/results.json');

function round(value) {
  return Math.round(value * 100) / 100;
}
