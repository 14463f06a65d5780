// Start-up cost: a command runs only the code it needs. The CLI is one bundle (dist/cli.cjs) in which
// each package sits behind a lazy initialiser; V8's own coverage (NODE_V8_COVERAGE) says which of its
// functions ran. `diff`, `rules` and `explain` must never run the template engine (handlebars) or the
// prompts (@inquirer/*); `snippet` runs handlebars, which shows the guard sees it.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.ts';

const BUNDLE = join(ROOT, 'dist', 'cli.cjs');
const source = readFileSync(BUNDLE, 'utf8');

/** The offsets of the bundle's code that came from a package: from its `// node_modules/<pkg>/` marker to the next marker. */
function packageRanges(pattern: RegExp): [number, number][] {
  const markers = [...source.matchAll(/^\/\/ (?:node_modules\/((?:@[^/]+\/)?[^/\n]+)\/|src\/)/gm)];
  return markers.flatMap((marker, i) => {
    const name = marker[1];
    if (name === undefined || !pattern.test(name)) return [];
    return [[marker.index, markers[i + 1]?.index ?? source.length] as [number, number]];
  });
}

/** Runs the built CLI under V8 coverage and returns the start offsets of the bundle's functions that ran. */
function ranFunctions(args: readonly string[]): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-coverage-'));
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', NODE_V8_COVERAGE: dir },
  });
  expect(run.status, run.stderr).not.toBeNull();
  const scripts = readdirSync(dir).flatMap(
    (file) => (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { result: CoverageScript[] }).result,
  );
  const bundle = scripts.find((script) => script.url.endsWith('/dist/cli.cjs'));
  expect(bundle, 'the bundle ran').toBeDefined();
  // vm.Script runs the bundle inside Node's CommonJS wrapper: offsets are shifted by its head.
  const head = '(function (exports, require, module, __filename, __dirname) { '.length;
  return (bundle?.functions ?? [])
    .filter((fn) => (fn.ranges[0]?.count ?? 0) > 0)
    .map((fn) => (fn.ranges[0]?.startOffset ?? 0) - head);
}

interface CoverageScript {
  url: string;
  functions: { ranges: { startOffset: number; count: number }[] }[];
}

const inside = (offsets: number[], ranges: [number, number][]) =>
  offsets.filter((offset) => ranges.some(([start, end]) => offset >= start && offset < end));

describe('lazy loading (built CLI)', () => {
  const handlebars = packageRanges(/^handlebars$/);
  const inquirer = packageRanges(/^@inquirer\//);

  it('finds the packages it guards in the bundle', () => {
    expect(handlebars.length).toBeGreaterThan(0);
    expect(inquirer.length).toBeGreaterThan(0);
  });

  for (const args of [
    ['diff', 'examples/kops-cluster.yaml'],
    ['diff', 'examples/kops-cluster.yaml', '--format', 'sarif'],
    ['rules'],
    ['explain', 'kops/api-access-restricted'],
    ['snippet', '--list'],
  ]) {
    it(`ksec ${args.join(' ')} runs neither handlebars nor inquirer`, () => {
      const ran = ranFunctions(args);
      expect(ran.length).toBeGreaterThan(0);
      expect(inside(ran, handlebars)).toEqual([]);
      expect(inside(ran, inquirer)).toEqual([]);
    });
  }

  it('ksec snippet runs handlebars (the guard sees it) but not inquirer', () => {
    const ran = ranFunctions(['snippet', 'rbac']);
    expect(inside(ran, handlebars).length).toBeGreaterThan(0);
    expect(inside(ran, inquirer)).toEqual([]);
  });
});
