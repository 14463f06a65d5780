/**
 * Runs every ksec command shown in README.md, so the user guide cannot drift from the CLI.
 *
 * The convention, for whoever edits the README:
 * - Only fenced blocks tagged `sh` are read. Use `text` for synopses and output, `yaml` for files.
 * - Every line of an `sh` block that calls ksec (`ksec …`, `npx ksec …`, or ksec after a pipe,
 *   `&&` or `;`) is a test. Lines ending in `\` continue on the next line.
 *   Lines that do not call ksec (`npm install`, `cd clusters`) are not run.
 * - A trailing `# exit N` comment states the expected exit code (e.g. `# exit 1` for a command that
 *   reports findings); without it the command must exit 0.
 * - A line that cannot run here (it needs kops, gcloud or a cluster) says why in a trailing
 *   `# not run: <reason>` comment. That is the only way to leave a ksec line out, and its command
 *   and flags are still checked against the CLI's own (test/repo/markdown-usage.test.ts).
 * - Commands run through bash in a fresh temporary directory holding a copy of the repo's
 *   `examples/` (and HOME pointing there), with `ksec` and `npx ksec` both running the built CLI.
 *   Colour is off (NO_COLOR) and stdin is empty.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../e2e/helpers.ts';
import { shellCommands } from '../helpers/markdown-commands.ts';

function sandbox(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-readme-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  const wrapper = `#!/usr/bin/env bash\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`;
  writeFileSync(join(bin, 'ksec'), wrapper);
  // `npx ksec` resolves to the local package; here it is the same built CLI.
  writeFileSync(
    join(bin, 'npx'),
    '#!/usr/bin/env bash\nif [ "$1" = ksec ]; then shift; exec ksec "$@"; fi\necho "npx $1: not available in README tests" >&2; exit 127\n',
  );
  chmodSync(join(bin, 'ksec'), 0o755);
  chmodSync(join(bin, 'npx'), 0o755);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: dir,
    NO_COLOR: '1',
  };
  delete env.FORCE_COLOR;
  return { dir, env };
}

describe('README.md commands', () => {
  const commands = shellCommands(readFileSync(join(ROOT, 'README.md'), 'utf8'));

  it('shows ksec commands', () => {
    expect(commands.length).toBeGreaterThan(0);
  });

  for (const entry of commands) {
    const title = `line ${entry.line}: ${entry.command} (exit ${entry.expectedExit})`;
    // Its command and flags are still held to the CLI's (test/repo/markdown-usage.test.ts).
    if (entry.notRun) continue;
    it(title, () => {
      const { dir, env } = sandbox();
      const run = spawnSync('bash', ['-o', 'pipefail', '-c', entry.command], {
        cwd: dir,
        env,
        input: '',
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status, `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`).toBe(entry.expectedExit);
      expect(run.stderr).not.toContain('internal error');
    });
  }
});

describe('README command extraction', () => {
  it('follows the convention documented above', () => {
    const markdown = [
      '```sh',
      'npm install',
      'ksec diff a.yaml # exit 1: findings',
      'npx ksec rules \\',
      '  --format json',
      "ksec explain 'x#y'",
      'kops get all -o yaml | ksec diff - # not run: needs kops and a state store',
      '```',
      '```text',
      'ksec diff FILE|DIR',
      '```',
      '```yaml',
      'run: ksec diff clusters/',
      '```',
    ].join('\n');
    expect(shellCommands(markdown)).toEqual([
      { line: 3, command: 'ksec diff a.yaml', expectedExit: 1 },
      { line: 4, command: 'npx ksec rules  --format json', expectedExit: 0 },
      { line: 6, command: "ksec explain 'x#y'", expectedExit: 0 },
      {
        line: 7,
        command: 'kops get all -o yaml | ksec diff -',
        expectedExit: 0,
        notRun: 'needs kops and a state store',
      },
    ]);
  });
});
