// Runs a generated script with stand-in `gcloud` and `kubectl` on PATH that record their argv, and
// reports anything else the script left behind. The injected strings of the hostile tests all try
// to create a file in the script's working directory (`touch pwned`, `$(touch pwned)`, backticks):
// after a run that directory must hold the script and nothing else.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STUB_COMMANDS = ['gcloud', 'kubectl'] as const;

export interface StubCall {
  command: string;
  argv: string[];
  /** The values of the recorded environment variables (`record`), in order. */
  env?: string[];
}

export interface StubRun {
  status: number | null;
  stderr: string;
  calls: StubCall[];
  /** Files in the working directory other than the script: each one is a command that ran. */
  leftovers: string[];
}

/**
 * A POSIX sh stub (so a stub call costs little): the command name, the argument count, each
 * argument, then the recorded environment variables, all NUL-terminated, appended to
 * $KSEC_STUB_LOG. NUL cannot occur inside an argument or a variable.
 */
function stub(name: string, record: readonly string[]): string {
  const env = record.map((variable) => ` "\${${variable}-}"`).join('');
  return `#!/bin/sh\n{ printf '%s\\000' ${name} "$#"; for a in "$@"${env}; do printf '%s\\000' "$a"; done; } >>"$KSEC_STUB_LOG"\n`;
}

export function runWithStubs(
  script: string,
  env: Record<string, string> = {},
  commands: readonly string[] = STUB_COMMANDS,
  record: readonly string[] = [],
): StubRun {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-stubs-'));
  try {
    const bin = join(dir, 'bin');
    const work = join(dir, 'work');
    mkdirSync(bin);
    mkdirSync(work);
    for (const name of commands) writeFileSync(join(bin, name), stub(name, record), { mode: 0o755 });
    const log = join(dir, 'calls.log');
    writeFileSync(log, '');
    writeFileSync(join(work, 'script.sh'), script, { mode: 0o755 });
    // The stubs first, then only the system directories bash and an injected `touch` would need.
    const run = spawnSync('/bin/bash', ['script.sh'], {
      cwd: work,
      env: { PATH: `${bin}:/usr/bin:/bin`, KSEC_STUB_LOG: log, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });
    return {
      status: run.status,
      stderr: run.stderr,
      calls: parseLog(readFileSync(log, 'utf8'), record.length),
      leftovers: readdirSync(work).filter((name) => name !== 'script.sh'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function parseLog(text: string, recorded: number): StubCall[] {
  const fields = text.split('\0').slice(0, -1);
  const calls: StubCall[] = [];
  for (let i = 0; i < fields.length; ) {
    const command = fields[i] ?? '';
    const count = Number(fields[i + 1]);
    const argv = fields.slice(i + 2, i + 2 + count);
    const env = fields.slice(i + 2 + count, i + 2 + count + recorded);
    calls.push(recorded > 0 ? { command, argv, env } : { command, argv });
    i += 2 + count + recorded;
  }
  return calls;
}

/** The word forms shellQuote writes: bare, single-quoted (with '\'' for quotes), or $'…'. */
const WORD = String.raw`(?:[A-Za-z0-9_@%+=:,./-]+|'[^']*'(?:\\''[^']*')*|\$'(?:[^'\\]|\\.)*')`;
const SCOPE = '--project "\\$project" --location "\\$location"';
const VALUE = String.raw`(?:${WORD}|"\$\{[a-z_]+\}[a-z.]*")`;

/** Every line a `ksec diff --format shell` script may hold, apart from comments and blank lines. */
const SCRIPT_LINES: readonly RegExp[] = [
  /^#!\/usr\/bin\/env bash$/,
  /^set -euo pipefail$/,
  new RegExp(`^(cluster|project|location)=${WORD}$`),
  /^(project|location)="\$default_(project|location)"$/,
  /^[a-z_]+="\$\{[A-Z_]+:\?set [A-Z_]+: [^"$`\\}]*\}"$/,
  new RegExp(`^gcloud container clusters update "\\$cluster" ${SCOPE} \\\\$`),
  new RegExp(`^gcloud container node-pools update ${WORD} --cluster "\\$cluster" ${SCOPE} \\\\$`),
  new RegExp(`^  --[a-z-]+(?: ${VALUE})?(?: --[a-z-]+(?: ${VALUE})?)*$`),
];

/**
 * The lines of a remediation script that are neither blank, nor a comment, nor one of the shapes
 * formatShell writes. A value that escaped its quoting or its comment shows up here. A comment or
 * a `$'…'` word must not hold a raw control character either (it would act on the reader's terminal).
 */
export function unexpectedScriptLines(script: string): string[] {
  return script.split('\n').filter((line) => {
    if (/[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}]/u.test(line)) return true;
    if (line === '' || line.startsWith('#')) return false;
    return !SCRIPT_LINES.some((shape) => shape.test(line));
  });
}
