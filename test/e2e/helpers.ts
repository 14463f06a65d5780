import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'ksec.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built CLI as a user would, with colour off unless the test asks for it. The output is
 * cleaned of escape sequences unless `raw` is set (to check that ksec writes none from the input).
 */
export function ksec(
  args: readonly string[],
  options: {
    cwd?: string;
    input?: string;
    env?: Record<string, string | undefined>;
    raw?: boolean;
    /** Runs as this user (root only): to meet the permissions an unprivileged user meets. */
    user?: { uid: number; gid: number };
  } = {},
): RunResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: cliEnv(options.env),
    ...options.user,
    encoding: 'utf8',
    timeout: 60_000,
    // Reports of whole directories run to megabytes; the default (1 MiB) would cut them and kill the run.
    maxBuffer: 256 * 1024 * 1024,
  });
  const clean = (text: string) =>
    options.raw ? text : stripVTControlCharacters(text).replaceAll('\r\n', '\n');
  return { code: result.status ?? -1, stdout: clean(result.stdout), stderr: clean(result.stderr) };
}

/** The environment the tests run the CLI in: colour off, reports 400 columns wide, plus `extra`. */
function cliEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    // Reports wrap to $COLUMNS: wide enough here that a test reads each finding on its own lines.
    COLUMNS: '400',
    ...extra,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  return env as NodeJS.ProcessEnv;
}

export interface StartedRun {
  child: ChildProcess;
  /** What it has written to standard error so far. */
  stderr: () => string;
  /** How it ended: its exit code, or the signal that ended it. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts the built CLI without waiting for it, to signal it while it runs. Standard output is
 * dropped; standard input is a pipe left open (ksec waits on it) unless `stdin` is 'ignore'.
 */
export function startKsec(
  args: readonly string[],
  options: { cwd?: string; stdin?: 'pipe' | 'ignore' } = {},
): StartedRun {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: cliEnv(),
    stdio: [options.stdin ?? 'pipe', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return { child, stderr: () => stderr, closed };
}

/** The lines of the README block after `<!-- transcript: NAME -->` (a terminal session a test drives). */
export function transcript(name: string): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const marker = `<!-- transcript: ${name} -->`;
  const at = readme.indexOf(marker);
  if (at < 0) throw new Error(`README.md has no ${marker}`);
  const block = /```\w*\n([\s\S]*?)\n```/.exec(readme.slice(at + marker.length))?.[1] ?? '';
  return block.split('\n');
}

/**
 * The README line that is not in the terminal output, in order, or undefined when all are. The
 * output is what the terminal received (re-drawn prompts included), so each line is looked for as
 * text after the previous one; `replace` maps README placeholders to what the run printed.
 */
export function missingTranscriptLine(
  lines: readonly string[],
  output: string,
  replace: (line: string) => string = (line) => line,
): string | undefined {
  let at = 0;
  for (const line of lines) {
    const wanted = replace(line).trimEnd();
    if (wanted === '') continue;
    const found = output.indexOf(wanted, at);
    if (found < 0) return line;
    at = found + wanted.length;
  }
  return undefined;
}
