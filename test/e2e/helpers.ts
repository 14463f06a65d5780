import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'ksec.js');

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI as a user would, with colour off unless the test asks for it. */
export function ksec(
  args: readonly string[],
  options: { cwd?: string; input?: string; env?: Record<string, string | undefined> } = {},
): RunResult {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NO_COLOR: '1',
    FORCE_COLOR: undefined,
    ...options.env,
  };
  for (const key of Object.keys(env)) if (env[key] === undefined) delete env[key];
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input ?? '',
    env: env as NodeJS.ProcessEnv,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return {
    code: result.status ?? -1,
    stdout: stripVTControlCharacters(result.stdout).replaceAll('\r\n', '\n'),
    stderr: stripVTControlCharacters(result.stderr).replaceAll('\r\n', '\n'),
  };
}
