// Start-up cost: a command loads only what it needs. `diff`, `rules` and `explain` must never load
// the template engine (handlebars) or the prompts (@inquirer/prompts); esbuild splits them into
// their own chunks, and a module-load hook records which chunks a run actually evaluates.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.ts';

const CHUNKS = join(ROOT, 'dist', 'chunks');

/** The chunks whose source contains a marker of the library: handlebars' API, inquirer's core. */
function chunksContaining(marker: string): string[] {
  return readdirSync(CHUNKS).filter((file) => readFileSync(join(CHUNKS, file), 'utf8').includes(marker));
}

/** Runs the built CLI and returns the file names of every dist chunk it loaded. */
function loadedChunks(args: readonly string[]): string[] {
  const log = join(mkdtempSync(join(tmpdir(), 'ksec-load-')), 'loaded.txt');
  const hooks = `
    import { appendFileSync } from 'node:fs';
    export async function load(url, context, next) {
      appendFileSync(${JSON.stringify(log)}, url + '\\n');
      return next(url, context);
    }`;
  const register = `
    import { register } from 'node:module';
    register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)}, ${JSON.stringify(pathToFileURL(ROOT).href)});`;
  const run = spawnSync(
    process.execPath,
    ['--import', `data:text/javascript,${encodeURIComponent(register)}`, BIN, ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
  );
  expect(run.status, run.stderr).not.toBeNull();
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.includes('/dist/chunks/'))
    .map((url) => url.slice(url.lastIndexOf('/') + 1));
}

describe('lazy loading (built CLI)', () => {
  const handlebars = chunksContaining('registerPartial');
  const inquirer = chunksContaining('useKeypress');

  it('finds the chunks it guards', () => {
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
    it(`ksec ${args.join(' ')} loads neither handlebars nor inquirer`, () => {
      const loaded = loadedChunks(args);
      expect(loaded.length).toBeGreaterThan(0);
      expect(loaded.filter((chunk) => handlebars.includes(chunk) || inquirer.includes(chunk))).toEqual([]);
    });
  }

  it('ksec snippet loads handlebars (the guard sees it) but not inquirer', () => {
    const loaded = loadedChunks(['snippet', 'rbac']);
    expect(loaded.some((chunk) => handlebars.includes(chunk))).toBe(true);
    expect(loaded.filter((chunk) => inquirer.includes(chunk))).toEqual([]);
  });
});
