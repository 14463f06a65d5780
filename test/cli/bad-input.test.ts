// Hostile and broken inputs, one table: test/fixtures/bad/CASES.tsv names each input, the arguments,
// the exit code and what stderr and stdout must say. Every case runs through the CLI in-process as a
// user would run it; a `ksec diff` case also runs with --format json and sarif (the output must stay
// valid) and with --fix on a copy (never a crash; a file it does not fix stays byte for byte).
// Nothing may ever print an internal error or a stack trace.
import { cpSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { memoryIo } from '../helpers/io.ts';

const BAD = join(import.meta.dirname, '..', 'fixtures', 'bad');

interface Case {
  input: string;
  args: string;
  exit: number;
  stderr: string;
  stdout: string;
  note: string;
}

function cases(): Case[] {
  const [header, ...rows] = readFileSync(join(BAD, 'CASES.tsv'), 'utf8').trimEnd().split('\n');
  const columns = (header ?? '').split('\t');
  return rows.map((row) => {
    const cells = Object.fromEntries(row.split('\t').map((cell, i) => [columns[i], cell]));
    return {
      input: cells.input ?? '',
      args: cells.args ?? '',
      exit: Number(cells.exit),
      stderr: cells.stderr ?? '-',
      stdout: cells.stdout ?? '-',
      note: cells.note ?? '',
    };
  });
}

const CLEAN_POD = readFileSync(join(BAD, 'yaml11', 'clean-pod.yaml'), 'utf8');
const scratch = mkdtempSync(join(tmpdir(), 'ksec-bad-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A fresh copy of the input in its own directory: --fix edits it, and the fixtures stay as they are. */
function copy(input: string): { cwd: string; name: string } {
  const cwd = mkdtempSync(join(scratch, 'case-'));
  const name = basename(input);
  cpSync(join(BAD, input), join(cwd, name), { recursive: true });
  return { cwd, name };
}

async function ksec(argv: string[], cwd: string) {
  const { io, out, err } = memoryIo(cwd);
  const code = await run(argv, io);
  return { code, stdout: out(), stderr: err() };
}

function argv(testCase: Case, name: string, cwd: string): string[] {
  if (testCase.args === 'INIT') return ['init', '--answers', name, '--yes', '--stdout'];
  if (testCase.args === 'CONFIG') {
    writeFileSync(join(cwd, 'clean.yaml'), CLEAN_POD);
    return ['diff', 'clean.yaml', '--config', name];
  }
  return ['diff', name, ...(testCase.args === '' ? [] : testCase.args.split(' '))];
}

function expectNoCrash(stderr: string): void {
  expect(stderr).not.toContain('internal error');
  expect(stderr).not.toMatch(/\n\s+at \S+ \(/);
}

const all = cases();

describe('the bad-input table', () => {
  it('holds at least 120 inputs, each file present', () => {
    expect(all.length).toBeGreaterThanOrEqual(120);
    for (const testCase of all)
      expect(() => statSync(join(BAD, testCase.input)), testCase.input).not.toThrow();
  });
});

describe.each(all)('$input $args', (testCase) => {
  const isDiff = testCase.args !== 'INIT' && testCase.args !== 'CONFIG';
  const reportable = isDiff && !testCase.args.includes('--format') && !testCase.args.includes('--fix');

  it(`exits ${testCase.exit} and says what is wrong`, async () => {
    const { cwd, name } = copy(testCase.input);
    const result = await ksec(argv(testCase, name, cwd), cwd);
    expectNoCrash(result.stderr);
    if (testCase.stderr === '-') expect(result.stderr).not.toMatch(/\berror\b/);
    else expect(result.stderr).toContain(testCase.stderr);
    if (testCase.stdout !== '-') expect(result.stdout).toContain(testCase.stdout);
    expect(result.code, result.stderr).toBe(testCase.exit);
  });

  // Registered only where they apply, so the table's count of tests is the count of checks.
  if (reportable)
    it('keeps JSON and SARIF valid, with the same exit code', async () => {
      const { cwd, name } = copy(testCase.input);
      for (const format of ['json', 'sarif']) {
        const result = await ksec([...argv(testCase, name, cwd), '--format', format], cwd);
        expectNoCrash(result.stderr);
        expect(result.code).toBe(testCase.exit);
        const report = JSON.parse(result.stdout);
        if (format === 'json') expect(report.version).toBe(1);
        else expect(report.runs?.[0]?.tool?.driver?.name).toBe('ksec');
      }
    });

  if (isDiff && !testCase.args.includes('--format shell'))
    it('survives --fix, changing only what it fixes', async () => {
      const { cwd, name } = copy(testCase.input);
      const before = statSync(join(cwd, name)).isFile() ? readFileSync(join(cwd, name)) : undefined;
      const args = argv(testCase, name, cwd);
      const result = await ksec(args.includes('--fix') ? args : [...args, '--fix'], cwd);
      expectNoCrash(result.stderr);
      expect([0, 1, 2]).toContain(result.code);
      if (before && !result.stderr.includes('ksec: fixed ')) {
        expect(readFileSync(join(cwd, name)).equals(before)).toBe(true);
      }
    });
});
