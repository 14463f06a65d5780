// File-system errors are user errors: a real process meets a real EACCES, EFBIG (ulimit -f), a full
// standard output (/dev/full), standard input as a --fix target, and signals. Each is one line naming
// the path and what to do, exit 2 (or 128+signal), never a stack trace, and nothing half-written.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KOPS_INIT_ARGS } from '../helpers/init-args.ts';
import { FIXABLE_CLUSTER, tempFiles } from '../helpers/writes.ts';
import { BIN, ksec, startKsec } from './helpers.ts';

const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;

const NO_STACK = /\n\s+at |internal error/;

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-write-'));
  chmodSync(dir, 0o755); // so an unprivileged user can enter it
  return dir;
}

/**
 * Runs the CLI as a user without write permission where the test takes it away: as root, the
 * nobody user (root ignores permissions); otherwise the current user, after chmod.
 */
function unprivileged(args: readonly string[], cwd: string) {
  return ksec(args, { cwd, ...(isRoot ? { user: { uid: NOBODY, gid: NOBODY } } : {}) });
}

/** The built CLI as a shell command. */
const KSEC = `"${process.execPath}" "${BIN}"`;

/** Runs a bash command line (redirections, pipes, ulimit) that calls ksec as `${KSEC}`, colour off. */
function inBash(script: string, cwd?: string) {
  return spawnSync('bash', ['-c', script], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
}

/** Waits until the process catches SIGHUP, SIGINT and SIGTERM (SigCgt in /proc on Linux). */
async function handlersInstalled(pid: number): Promise<void> {
  const wanted = (1n << 0n) | (1n << 1n) | (1n << 14n); // signals 1, 2 and 15
  for (let tries = 0; tries < 200; tries += 1) {
    const status = existsSync(`/proc/${pid}/status`) ? readFileSync(`/proc/${pid}/status`, 'utf8') : '';
    const caught = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
    if (caught === undefined && !existsSync('/proc/self/status')) break; // not Linux: just wait
    if (caught !== undefined && (BigInt(`0x${caught}`) & wanted) === wanted) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000));
}

describe('write errors (built CLI)', () => {
  it('EACCES: init into a directory you cannot write, and --fix of files you cannot replace', () => {
    const dir = scratch();
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    writeFileSync(join(locked, 'theirs.yaml'), FIXABLE_CLUSTER);
    if (isRoot) {
      // Owned by root: nobody may read but not write. mine.yaml is nobody's, in root's directory.
      writeFileSync(join(locked, 'mine.yaml'), FIXABLE_CLUSTER);
      chownSync(join(locked, 'mine.yaml'), NOBODY, NOBODY);
    } else {
      writeFileSync(join(locked, 'mine.yaml'), FIXABLE_CLUSTER);
      chmodSync(join(locked, 'theirs.yaml'), 0o444);
    }
    chmodSync(locked, 0o555);

    const init = unprivileged(['init', '--yes', '--out', 'locked/dev', ...KOPS_INIT_ARGS], dir);
    expect(init.stderr).not.toMatch(NO_STACK);
    expect(init.code).toBe(2);
    expect(init.stderr).toBe(
      `ksec: cannot write ${join(locked, 'dev', 'cluster.yaml')}: permission denied: ksec cannot create files in ${locked} (it writes a temporary file there and renames it into place) (no file was changed)\n`,
    );

    const fix = unprivileged(['diff', '--fix', '--brief', '--fail-on', 'none', 'locked'], dir);
    expect(fix.stderr).not.toMatch(NO_STACK);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain(
      `ksec: locked/mine.yaml: error: not fixed: permission denied: its directory ${locked} is not writable, and --fix writes the new version there before renaming it over the file\n`,
    );
    expect(fix.stderr).toMatch(
      isRoot
        ? /ksec: locked\/theirs\.yaml: error: not fixed: permission denied \(mode 0644, owner uid 0\); you cannot write it\n/
        : /ksec: locked\/theirs\.yaml: error: not fixed: it is read-only \(mode 0444\)/,
    );
    expect(readFileSync(join(locked, 'mine.yaml'), 'utf8')).toBe(FIXABLE_CLUSTER);
    expect(readFileSync(join(locked, 'theirs.yaml'), 'utf8')).toBe(FIXABLE_CLUSTER);
    chmodSync(locked, 0o755);
  });

  it('EFBIG (ulimit -f): init writes nothing, --fix leaves the file whole, no temporary file remains', () => {
    const dir = scratch();
    // 4 KiB: smaller than cluster.yaml. Node ignores SIGXFSZ, so the write fails with EFBIG.
    const limited = (command: string) => inBash(`ulimit -f 4; ${KSEC} ${command}`, dir);
    const init = limited(`init --yes --out dev ${KOPS_INIT_ARGS.join(' ')}`);
    expect(init.stderr).not.toMatch(NO_STACK);
    expect(init.status).toBe(2);
    expect(init.stderr).toMatch(
      /^ksec: cannot write .*\/dev\/cluster\.yaml: file too large for the file system or the file size limit \(ulimit -f\) \(no file was changed\)\n$/,
    );
    expect(readdirSync(dir)).toEqual([]);

    const big = `${FIXABLE_CLUSTER}${'# padding\n'.repeat(1000)}`;
    writeFileSync(join(dir, 'big.yaml'), big);
    const fix = limited('diff --fix --brief --fail-on none big.yaml');
    expect(fix.stderr).not.toMatch(NO_STACK);
    expect(fix.status).toBe(2);
    expect(fix.stderr).toContain('ksec: big.yaml: error: not fixed: file too large');
    expect(readFileSync(join(dir, 'big.yaml'), 'utf8')).toBe(big);
    expect(tempFiles(dir)).toEqual([]);
  });

  it('--fix /dev/fd/0 and --fix - check standard input and say why it is not rewritten', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'c.yaml'), FIXABLE_CLUSTER);
    // A shell pipe (a FIFO), as a user would type it; spawnSync's own stdin is a socket.
    const fd = inBash(`cat c.yaml | ${KSEC} diff --fix --brief --fail-on none /dev/fd/0`, dir);
    expect(fd.status).toBe(2);
    expect(fd.stderr).toBe(
      'ksec: /dev/fd/0: error: not fixed: it is a device or file descriptor, not a regular file; --fix rewrites files in place, so name the file itself\n',
    );
    const dash = ksec(['diff', '--fix', '--brief', '--fail-on', 'none', '-'], {
      cwd: dir,
      input: FIXABLE_CLUSTER,
    });
    expect(dash.code).toBe(0);
    expect(dash.stderr).toBe('ksec: --fix writes files in place; standard input is checked but not fixed\n');
  });

  it('--out naming a file, and k8s existing as a file: one line each, exit 2', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'taken'), '');
    const out = ksec(['init', '--yes', '--out', 'taken', ...KOPS_INIT_ARGS], { cwd: dir });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^ksec: --out taken: .*taken is a file, not a directory; name a directory/);
    mkdirSync(join(dir, 'dev'));
    writeFileSync(join(dir, 'dev', 'k8s'), '');
    const k8s = ksec(['init', '--yes', '--out', 'dev', ...KOPS_INIT_ARGS], { cwd: dir });
    expect(k8s.code).toBe(2);
    expect(k8s.stderr).toMatch(
      /^ksec: .*\/dev\/k8s is a file, not a directory; move or rename it \(nothing was written\)\n$/,
    );
  });

  it('a full standard output is one line and exit 2', () => {
    const run = inBash(`${KSEC} rules > /dev/full`);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      'ksec: cannot write standard output: no space left on the device; free some space and run again\n',
    );
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const)('%s ends a waiting run with exit %i, not a hang', async (signal, code) => {
    // Standard input stays open: ksec waits for it, until the signal.
    const run = startKsec(['diff', '-']);
    await handlersInstalled(run.child.pid ?? 0);
    run.child.kill(signal);
    expect((await run.closed).code).toBe(code);
    expect(run.stderr()).toBe(`ksec: interrupted by ${signal}\n`);
  });

  it('keeps the mode of a fixed file', () => {
    const dir = scratch();
    writeFileSync(join(dir, 'c.yaml'), FIXABLE_CLUSTER);
    chmodSync(join(dir, 'c.yaml'), 0o600);
    const run = ksec(['diff', '--fix', '--brief', '--fail-on', 'none', 'c.yaml'], { cwd: dir });
    expect(run.stderr).toBe('ksec: fixed 2 findings in c.yaml\n');
    expect(statSync(join(dir, 'c.yaml')).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'c.yaml'))).toBe(true);
  });
});
