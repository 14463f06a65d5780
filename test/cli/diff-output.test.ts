// Where the report goes and what --fix --dry-run shows: --output writes it atomically (never over an
// existing file without --force), --format markdown is a pull-request comment whose input cannot
// break out of its markup, and --dry-run prints the patch --fix would apply and changes nothing.
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { memoryIo } from '../helpers/io.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-out-'));
  copyFileSync(join(ROOT, 'examples', 'deployment.yaml'), join(dir, 'deployment.yaml'));
  return dir;
}

describe('--output', () => {
  it('writes the report to the file, not to stdout, and refuses to replace one without --force', async () => {
    const dir = workdir();
    const first = memoryIo(dir);
    expect(
      await run(['diff', 'deployment.yaml', '--format', 'json', '--output', 'report.json'], first.io),
    ).toBe(1);
    expect(first.out()).toBe('');
    expect(first.err()).toContain('ksec: wrote the report to report.json');
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).version).toBe(1);

    const again = memoryIo(dir);
    expect(await run(['diff', 'deployment.yaml', '--output', 'report.json'], again.io)).toBe(2);
    expect(again.err()).toBe('ksec: --output report.json exists: use --force to replace it\n');
    expect(
      await run(['diff', 'deployment.yaml', '--output', 'report.json', '--force'], memoryIo(dir).io),
    ).toBe(1);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toContain('workload/privileged-disabled');
  });

  it('does not replace a file that appeared during the run without --force', async () => {
    const dir = workdir();
    const spec = readFileSync(join(dir, 'deployment.yaml'), 'utf8');
    // Standard input is read after the --output check: the file appears in between.
    const appearing = (content: string) => async () => {
      writeFileSync(join(dir, 'report.json'), content);
      return spec;
    };
    const refused = memoryIo(dir, { readStdin: appearing('mine') });
    expect(await run(['diff', '-', '--format', 'json', '--output', 'report.json'], refused.io)).toBe(2);
    expect(refused.err()).toContain(`refusing to overwrite existing file: ${join(dir, 'report.json')}`);
    expect(refused.err()).not.toContain('wrote the report');
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('mine');

    rmSync(join(dir, 'report.json'));
    const forced = memoryIo(dir, { readStdin: appearing('mine') });
    expect(
      await run(['diff', '-', '--format', 'json', '--output', 'report.json', '--force'], forced.io),
    ).toBe(1);
    expect(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).version).toBe(1);
  });

  it('refuses a directory', async () => {
    const dir = workdir();
    mkdirSync(join(dir, 'reports'));
    const { io, err } = memoryIo(dir);
    expect(await run(['diff', 'deployment.yaml', '--output', 'reports'], io)).toBe(2);
    expect(err()).toContain('--output reports is a directory');
  });
});

describe('--format markdown', () => {
  it('starts with the verdict and a table by severity, then the findings in collapsible entries', async () => {
    const { io, out } = memoryIo(workdir());
    await run(['diff', 'deployment.yaml', '--format', 'markdown'], io);
    const text = out();
    expect(text.split('\n')[0]).toMatch(/^### ksec: \d+ findings, \d+ at or above low: exit 1 /);
    expect(text).toContain('| severity | findings |\n| --- | ---: |\n| critical | 1 |');
    expect(text).toContain('#### `deployment.yaml`');
    expect(text).toMatch(
      /<details>\n<summary><b>CRITICAL<\/b> workload\/privileged-disabled: Deployment\/shop, line \d+<\/summary>/,
    );
    expect(text.match(/<details>/g)?.length).toBe(text.match(/<\/details>/g)?.length);
  });

  it('keeps names from the input from closing the markup or formatting the comment', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-out-'));
    writeFileSync(
      join(dir, 'p.yaml'),
      'apiVersion: v1\nkind: Pod\nmetadata: {name: "x</summary></details><img src=y>`**|"}\nspec:\n  containers:\n  - name: "a```b"\n    image: app:1\n    securityContext: {privileged: true}\n',
    );
    const { io, out } = memoryIo(dir);
    await run(['diff', 'p.yaml', '--format', 'markdown'], io);
    const text = out();
    // Outside code fences (whose content Markdown shows as text), no tag from the input survives.
    const prose = text.replace(/^(`{3,})yaml\n[\s\S]*?\n\1$/gm, '');
    expect(prose).not.toContain('<img');
    expect(prose).not.toContain('</summary></details>');
    expect(text).toContain('x&lt;/summary&gt;&lt;/details&gt;&lt;img src=y&gt;\\`\\*\\*\\|');
    // The fix snippet names the container; its fence is longer than the backticks in the name.
    expect(text).toMatch(/````yaml\n[\s\S]*name: "a```b"[\s\S]*\n````\n/);
  });
});

describe('--fix --dry-run', () => {
  it('prints the patch --fix would apply, which patch -p1 applies, and changes nothing', async () => {
    const dir = workdir();
    const before = readFileSync(join(dir, 'deployment.yaml'), 'utf8');
    const { io, out, err } = memoryIo(dir);
    expect(await run(['diff', 'deployment.yaml', '--fix', '--dry-run'], io)).toBe(1);
    expect(readFileSync(join(dir, 'deployment.yaml'), 'utf8')).toBe(before);
    expect(existsSync(join(dir, 'deployment.yaml.orig'))).toBe(false);
    const patch = out();
    expect(patch.startsWith('--- a/deployment.yaml\n+++ b/deployment.yaml\n@@ ')).toBe(true);
    expect(err()).toMatch(/ksec: would fix \d+ findings in deployment\.yaml \(--dry-run: nothing written\)/);
    // What the patch makes of the file is what --fix writes.
    const applied = spawnSync('patch', ['-p1', '--quiet', '--batch'], {
      cwd: dir,
      input: patch,
      encoding: 'utf8',
    });
    expect(applied.status, applied.stderr).toBe(0);
    const patched = readFileSync(join(dir, 'deployment.yaml'), 'utf8');
    writeFileSync(join(dir, 'deployment.yaml'), before);
    await run(['diff', 'deployment.yaml', '--fix'], memoryIo(dir).io);
    expect(readFileSync(join(dir, 'deployment.yaml'), 'utf8')).toBe(patched);
  });

  it('writes the patch to the --output file instead of stdout, never over an existing one', async () => {
    const dir = workdir();
    const before = readFileSync(join(dir, 'deployment.yaml'), 'utf8');
    const printed = memoryIo(dir);
    await run(['diff', 'deployment.yaml', '--fix', '--dry-run'], printed.io);
    const { io, out, err } = memoryIo(dir);
    expect(await run(['diff', 'deployment.yaml', '--fix', '--dry-run', '--output', 'fix.patch'], io)).toBe(1);
    expect(out()).toBe('');
    expect(err()).toContain('ksec: wrote the patch to fix.patch\n');
    expect(readFileSync(join(dir, 'fix.patch'), 'utf8')).toBe(printed.out());
    expect(printed.out().startsWith('--- a/deployment.yaml\n')).toBe(true);
    expect(readFileSync(join(dir, 'deployment.yaml'), 'utf8')).toBe(before);

    const again = memoryIo(dir);
    expect(
      await run(['diff', 'deployment.yaml', '--fix', '--dry-run', '--output', 'fix.patch'], again.io),
    ).toBe(2);
    expect(again.err()).toBe('ksec: --output fix.patch exists: use --force to replace it\n');
  });

  it('says so when the patch it writes to --output is empty', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'clean.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n');
    const { io, err } = memoryIo(dir);
    await run(
      ['diff', 'clean.yaml', '--skip-unrecognised', '--fix', '--dry-run', '--output', 'fix.patch'],
      io,
    );
    expect(readFileSync(join(dir, 'fix.patch'), 'utf8')).toBe('');
    expect(err()).toContain('ksec: wrote an empty patch (nothing to fix) to fix.patch\n');
  });

  it('goes with --fix only', async () => {
    const { io, err } = memoryIo(workdir());
    expect(await run(['diff', 'deployment.yaml', '--dry-run'], io)).toBe(2);
    expect(err()).toContain('--dry-run goes with --fix');
  });
});
