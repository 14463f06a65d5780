// Killing ksec at any moment never damages a file: SIGKILL and SIGTERM at random times during
// `ksec diff --fix` of a large file and during `ksec init`, 50 runs each. Half the kills land at a
// random time over the whole run; the other half a moment after the first temporary file appears
// (seen with fs.watch), so the write window itself is hit every time.
// After every kill: the file is intact or fully new (for init: the whole set old or the whole set
// new), and after SIGTERM no `.ksec-tmp-*` file remains. Every fourth catchable signal is a SIGINT
// or a SIGHUP instead, which ksec handles the same way. SIGKILL cannot be caught, so its temporary
// files may remain; each target is still whole.
import {
  chmodSync,
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KOPS_INIT_ARGS } from '../helpers/init-args.ts';
import { FIXABLE_CLUSTER, tempFiles } from '../helpers/writes.ts';
import { ksec, startKsec } from './helpers.ts';

const RUNS = 50;
const PARALLEL = 4;

// Two fixable findings, then 1 MiB of comments: a large file whose parse stays quick.
const BIG = `${FIXABLE_CLUSTER}${Array.from({ length: 12_336 }, (_, i) => `# line ${String(i).padStart(6, '0')} ${'x'.repeat(70)}\n`).join('')}`;

type Signal = 'SIGKILL' | 'SIGTERM' | 'SIGINT' | 'SIGHUP';

/** Even runs get a signal ksec catches (mostly SIGTERM), odd runs SIGKILL. */
function signalFor(index: number): Signal {
  if (index % 2 === 1) return 'SIGKILL';
  return index % 16 === 6 ? 'SIGINT' : index % 16 === 14 ? 'SIGHUP' : 'SIGTERM';
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** A temporary file existed when the signal was sent. */
  inWindow: boolean;
}

/**
 * Starts the CLI in `cwd` and sends `signal` either `delay` ms after the start or, when `watchDir`
 * is given, `delay` ms after the first `.ksec-tmp-*` entry appears there.
 */
function killed(
  args: readonly string[],
  cwd: string,
  signal: Signal,
  delay: number,
  watchDir?: string,
): Promise<Outcome> {
  return new Promise((resolve) => {
    let sawTemp = false;
    let inWindow = false;
    const watcher = watchDir
      ? watch(watchDir, (_event, name) => {
          if (sawTemp || !String(name).startsWith('.ksec-tmp-')) return;
          sawTemp = true;
          setTimeout(send, delay);
        })
      : undefined;
    const { child, stderr, closed } = startKsec(args, { cwd, stdin: 'ignore' });
    function send() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      inWindow = tempFiles(cwd).length > 0;
      child.kill(signal);
    }
    if (!watchDir) setTimeout(send, delay);
    void closed.then(({ code, signal: killedBy }) => {
      watcher?.close();
      resolve({ code, signal: killedBy, stderr: stderr(), inWindow });
    });
  });
}

/** Every file under `dir` with its content, temporary files left out. */
function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const path of readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = join(dir, path);
    if (path.includes('.ksec-tmp-') || !statSync(full).isFile()) continue;
    out[relative(dir, full)] = readFileSync(full, 'utf8');
  }
  return out;
}

/** Runs `count` cases, `PARALLEL` at a time. */
async function each<T>(count: number, run: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await run(index);
      }
    }),
  );
  return results;
}

function timed(args: readonly string[], cwd: string): number {
  const start = performance.now();
  const run = ksec(args, { cwd });
  expect(run.code, run.stderr).not.toBe(2);
  return performance.now() - start;
}

/** What every killed run must show, whatever the outcome. */
function checkExit(outcome: Outcome, signal: Signal): void {
  expect(outcome.stderr).not.toMatch(/\n\s+at |internal error/);
  if (signal === 'SIGKILL') expect([outcome.signal, outcome.code]).not.toEqual([null, 2]);
  // 128 + the signal from the handler, 0/1 if the run ended first, or the default action before
  // the handler is installed (nothing is written by then).
  else if (outcome.signal === null)
    expect([0, 1, { SIGTERM: 143, SIGINT: 130, SIGHUP: 129 }[signal]]).toContain(outcome.code);
}

/** The kills did land inside the write window. (KSEC_KILL_STATS=FILE appends the outcomes.) */
function expectKillsInWindow(results: readonly { state: string; inWindow: boolean }[]): void {
  if (process.env.KSEC_KILL_STATS)
    writeFileSync(process.env.KSEC_KILL_STATS, `${JSON.stringify(results)}\n`, { flag: 'a' });
  expect(results.filter((r) => r.inWindow).length).toBeGreaterThanOrEqual(RUNS / 8);
}

describe('kill test (built CLI)', () => {
  it(`--fix of a large file: SIGKILL/SIGTERM at ${RUNS} random moments, the file is intact or fully new`, async () => {
    const base = mkdtempSync(join(tmpdir(), 'ksec-kill-fix-'));
    const args = ['diff', '--fix', '--brief', '--fail-on', 'none', 'cluster.yaml'];
    writeFileSync(join(base, 'cluster.yaml'), BIG);
    const full = timed(args, base);
    const fixed = readFileSync(join(base, 'cluster.yaml'), 'utf8');
    expect(fixed).not.toBe(BIG);
    const results = await each(RUNS, async (index) => {
      const dir = mkdtempSync(join(tmpdir(), 'ksec-kill-fix-'));
      writeFileSync(join(dir, 'cluster.yaml'), BIG);
      chmodSync(join(dir, 'cluster.yaml'), 0o640);
      const signal = signalFor(index);
      const atWrite = index % 4 >= 2;
      const outcome = await killed(
        args,
        dir,
        signal,
        atWrite ? Math.random() * 3 : Math.random() * full,
        atWrite ? dir : undefined,
      );
      checkExit(outcome, signal);
      const content = readFileSync(join(dir, 'cluster.yaml'), 'utf8');
      expect(content === BIG || content === fixed, 'the file is either the original or the fixed one').toBe(
        true,
      );
      expect(statSync(join(dir, 'cluster.yaml')).mode & 0o777).toBe(0o640);
      if (signal !== 'SIGKILL') expect(tempFiles(dir)).toEqual([]);
      return { state: content === BIG ? 'original' : 'fixed', inWindow: outcome.inWindow };
    });
    expectKillsInWindow(results);
  });

  it(`init: SIGKILL/SIGTERM at ${RUNS} random moments, all files or none, old or new`, async () => {
    const base = mkdtempSync(join(tmpdir(), 'ksec-kill-init-'));
    const init = (extra: readonly string[] = []) => ['init', '--yes', ...KOPS_INIT_ARGS, ...extra];
    // The sets to compare with: what a fresh run writes, and an older set (other answers) to replace.
    const full = timed([...init(), '--out', 'new'], base);
    timed([...init(['--ssh-cidr', '198.51.100.0/24']), '--out', 'old'], base);
    const fresh = files(join(base, 'new'));
    const old = files(join(base, 'old'));
    expect(Object.keys(fresh)).toHaveLength(7);
    const results = await each(RUNS, async (index) => {
      const dir = mkdtempSync(join(tmpdir(), 'ksec-kill-init-'));
      const signal = signalFor(index);
      const atWrite = index % 4 >= 2;
      // Alternately a new --out directory, and --force over an older set in the current directory.
      const replacing = index % 8 >= 4;
      if (replacing) cpSync(join(base, 'old'), dir, { recursive: true });
      const outcome = await killed(
        replacing ? init(['--force']) : [...init(), '--out', 'dev'],
        dir,
        signal,
        atWrite ? Math.random() * 3 : Math.random() * full,
        atWrite ? dir : undefined,
      );
      checkExit(outcome, signal);
      const now = files(dir);
      if (signal !== 'SIGKILL') expect(tempFiles(dir)).toEqual([]);
      if (!replacing) {
        // One rename puts the new directory in place: all or nothing even under SIGKILL.
        const written = Object.fromEntries(Object.entries(now).map(([k, v]) => [relative('dev', k), v]));
        expect(Object.keys(now).length === 0 || JSON.stringify(written) === JSON.stringify(fresh)).toBe(true);
        return { state: Object.keys(now).length === 0 ? 'none' : 'all', inWindow: outcome.inWindow };
      }
      if (signal !== 'SIGKILL') {
        expect([JSON.stringify(old), JSON.stringify(fresh)]).toContain(JSON.stringify(now));
      } else {
        // SIGKILL cannot be handled: each file is still whole, old or new.
        expect(Object.keys(now).sort()).toEqual(Object.keys(old).sort());
        for (const [path, content] of Object.entries(now))
          expect([old[path], fresh[path]]).toContain(content);
      }
      return {
        state: JSON.stringify(now) === JSON.stringify(old) ? 'none' : 'all',
        inWindow: outcome.inWindow,
      };
    });
    expectKillsInWindow(results);
  });
});
