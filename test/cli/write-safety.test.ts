// File-system failures during `ksec init` and `ksec diff --fix` are user errors: one line naming the
// path and what to do, exit 2, nothing half-written, and the other files of a --fix run still fixed.
// Failures are injected through the write module's fault hook; the file system does the rest.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { reportError, run } from '../../src/cli/main.ts';
import { setWriteFaultHook } from '../../src/util/write.ts';
import { KOPS_INIT_ARGS } from '../helpers/init-args.ts';
import { memoryIo } from '../helpers/io.ts';
import { FIXABLE_CLUSTER, fsError, tempFiles } from '../helpers/writes.ts';

const io = (cwd: string) => memoryIo(cwd);

/** Fails the write of any file whose path contains `name`. */
function diskFullFor(name: string): void {
  setWriteFaultHook((step, path) => {
    if (step === 'write' && path.includes(name)) throw fsError('ENOSPC', 'write', path);
  });
}

afterEach(() => setWriteFaultHook(undefined));

describe('ksec init: write failures', () => {
  it('a full disk part-way: one line, exit 2, nothing written, and the rerun needs no --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-fail-'));
    diskFullFor('network-policies.yaml');
    const failed = io(dir);
    expect(await run(['init', '--yes', '--out', 'dev', ...KOPS_INIT_ARGS], failed.io)).toBe(2);
    expect(failed.err()).toBe(
      `ksec: cannot write ${join(dir, 'dev', 'k8s', 'network-policies.yaml')}: no space left on the device; free some space and run again (no file was changed)\n`,
    );
    expect(readdirSync(dir)).toEqual([]);
    setWriteFaultHook(undefined);
    expect(await run(['init', '--yes', '--out', 'dev', ...KOPS_INIT_ARGS], io(dir).io)).toBe(0);
  });

  it('into the current directory, with --force: every replaced file is put back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-fail-'));
    expect(await run(['init', '--yes', ...KOPS_INIT_ARGS, '--ssh-cidr', '198.51.100.0/24'], io(dir).io)).toBe(
      0,
    );
    const before = readFileSync(join(dir, 'cluster.yaml'), 'utf8');
    diskFullFor('ksec.answers.yaml');
    const failed = io(dir);
    expect(await run(['init', '--yes', '--force', ...KOPS_INIT_ARGS], failed.io)).toBe(2);
    expect(failed.err()).toMatch(
      /^ksec: cannot write .*ksec\.answers\.yaml: no space left on the device.*\n$/,
    );
    expect(readFileSync(join(dir, 'cluster.yaml'), 'utf8')).toBe(before);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('--out naming a file, and k8s existing as a file, are named in one line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-fail-'));
    writeFileSync(join(dir, 'taken'), '');
    const file = io(dir);
    expect(await run(['init', '--yes', '--out', 'taken', ...KOPS_INIT_ARGS], file.io)).toBe(2);
    expect(file.err()).toBe(
      `ksec: --out taken: ${join(dir, 'taken')} is a file, not a directory; name a directory (a missing one is created)\n`,
    );
    mkdirSync(join(dir, 'dev'));
    writeFileSync(join(dir, 'dev', 'k8s'), '');
    const k8s = io(dir);
    expect(await run(['init', '--yes', '--out', 'dev', ...KOPS_INIT_ARGS], k8s.io)).toBe(2);
    expect(k8s.err()).toBe(
      `ksec: ${join(dir, 'dev', 'k8s')} is a file, not a directory; move or rename it (nothing was written)\n`,
    );
    expect(readdirSync(join(dir, 'dev'))).toEqual(['k8s']);
  });
});

describe('ksec diff --fix: write failures', () => {
  it('a failed write leaves that file as it was and still fixes the next one; exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-fix-fail-'));
    writeFileSync(join(dir, 'a.yaml'), FIXABLE_CLUSTER);
    writeFileSync(join(dir, 'b.yaml'), FIXABLE_CLUSTER);
    diskFullFor('a.yaml');
    const fixing = io(dir);
    expect(await run(['diff', '--fix', '--brief', 'a.yaml', 'b.yaml', '--fail-on', 'none'], fixing.io)).toBe(
      2,
    );
    expect(fixing.err()).toContain('ksec: fixed 2 findings in b.yaml\n');
    expect(fixing.err()).toContain(
      'ksec: a.yaml: error: not fixed: no space left on the device; free some space and run again\n',
    );
    expect(fixing.err()).not.toContain('nothing to fix automatically');
    expect(readFileSync(join(dir, 'a.yaml'), 'utf8')).toBe(FIXABLE_CLUSTER);
    expect(readFileSync(join(dir, 'b.yaml'), 'utf8')).toContain('anonymousAuth: false');
    // The report still shows a.yaml's fixable findings, since they were not fixed.
    expect(fixing.out()).toMatch(/kops\/rbac-authorization {2}a\.yaml/);
    expect(fixing.out()).not.toMatch(/kops\/rbac-authorization {2}b\.yaml/);
    expect(readdirSync(dir).sort()).toEqual(['a.yaml', 'b.yaml']);
  });

  it('a file saved by someone else while --fix writes is not overwritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-fix-fail-'));
    const path = join(dir, 'a.yaml');
    writeFileSync(path, FIXABLE_CLUSTER);
    setWriteFaultHook((step) => {
      if (step === 'fsync') writeFileSync(path, `${FIXABLE_CLUSTER}# my edit\n`);
    });
    const fixing = io(dir);
    expect(await run(['diff', '--fix', '--brief', 'a.yaml', '--fail-on', 'none'], fixing.io)).toBe(2);
    expect(fixing.err()).toContain(
      'ksec: a.yaml: error: not fixed: it changed on disk after ksec read it; it was left alone so that change is kept: run again\n',
    );
    expect(readFileSync(path, 'utf8')).toBe(`${FIXABLE_CLUSTER}# my edit\n`);
  });
});

describe('reportError', () => {
  it('words a file-system error that escaped without context in one line, exit 2, no stack trace', () => {
    const captured = io('/');
    const error = fsError('EACCES', 'scandir', 'clusters/private');
    expect(reportError(error, captured.io)).toBe(2);
    expect(captured.err()).toBe('ksec: cannot read the directory clusters/private: permission denied\n');
  });

  it('keeps "internal error" with the stack for real bugs', () => {
    const captured = io('/');
    expect(reportError(new TypeError('x is undefined'), captured.io)).toBe(2);
    expect(captured.err()).toMatch(
      /^ksec: internal error: x is undefined\nTypeError: x is undefined\n\s+at /,
    );
  });
});
