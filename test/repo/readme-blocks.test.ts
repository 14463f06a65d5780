/**
 * README blocks that are not commands but must not drift either:
 * - `<!-- output of: ksec … -->` before a `text` block: every line of the block appears, in order, in
 *   what that command prints today (its standard output, then its standard error), at 100 columns;
 * - `<!-- transcript: NAME -->` before a `text` block: a terminal session, checked by the test that
 *   drives it (test/e2e/init-pty.test.ts, test/e2e/completion.test.ts); here, only that one does;
 * - `<!-- ksec.config.yaml example -->` before a `yaml` block: the block is a valid config;
 * - `<!-- library example -->` before a `js` block: the block runs against the built library.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { workloadRules } from '../../src/rules/workload/index.ts';
import { ksec, ROOT } from '../e2e/helpers.ts';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced block that follows each marker comment. */
function blocksAfter(marker: RegExp): { argument: string; body: string }[] {
  const found: { argument: string; body: string }[] = [];
  for (const match of readme.matchAll(
    new RegExp(`${marker.source}\\s*\\n\`\`\`\\w*\\n([\\s\\S]*?)\\n\`\`\``, 'g'),
  )) {
    found.push({ argument: match[1] ?? '', body: match[2] ?? '' });
  }
  return found;
}

describe('README blocks', () => {
  const outputs = blocksAfter(/<!-- output of: ((?:[A-Z_]+=\S+ )*ksec [^>]*?) -->/);
  it('has output excerpts to check', () => expect(outputs.length).toBeGreaterThan(0));
  for (const { argument, body } of outputs) {
    it(`the excerpt of "${argument}" is what it prints`, () => {
      // `COLUMNS=80 ksec …`: the variables set before the command are its environment.
      const words = argument.split(' ');
      const env = Object.fromEntries(
        words
          .filter((w) => /^[A-Z_]+=/.test(w))
          .map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]),
      );
      const run = ksec(words.filter((w) => !/^[A-Z_]+=/.test(w)).slice(1), {
        env: { COLUMNS: '100', ...env },
      });
      const lines = `${run.stdout}${run.stderr}`.split('\n');
      let at = 0;
      for (const line of body.split('\n')) {
        const index = lines.indexOf(line, at);
        expect(index, `README line not in the output (in order): ${line}`).toBeGreaterThanOrEqual(0);
        at = index + 1;
      }
    });
  }

  it('has a test for every terminal transcript', () => {
    const names = blocksAfter(/<!-- transcript: ([^>]*?) -->/).map((block) => block.argument);
    const tests = ['init-pty.test.ts', 'completion.test.ts']
      .map((file) => readFileSync(join(ROOT, 'test', 'e2e', file), 'utf8'))
      .join('\n');
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(tests, name).toContain(`transcript('${name}')`);
  });

  it('lists every workload rule in its table, with the catalogue severity first', () => {
    for (const rule of workloadRules) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${rule.id}\``));
      expect(row, rule.id).toBeDefined();
      expect(row?.split('|')[2]?.trim().split(' / ')[0], rule.id).toBe(rule.severity);
    }
  });

  it('shows a valid ksec.config.yaml', () => {
    const [config] = blocksAfter(/<!-- (ksec\.config\.yaml) example -->/);
    expect(config).toBeDefined();
    const parsed = parseConfig(config?.body ?? '', 'README.md');
    expect(parsed.failOn).toBeDefined();
  });

  it('shows a library example that runs', () => {
    const [example] = blocksAfter(/<!-- (library) example -->/);
    expect(example).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'ksec-lib-'));
    const file = join(dir, 'example.mjs');
    const library = pathToFileURL(join(ROOT, 'dist', 'index.js')).href;
    writeFileSync(file, (example?.body ?? '').replace("from 'ksec'", `from '${library}'`));
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('high kops/api-access-restricted spec.kubernetesApiAccess[0]:7');
  });
});
