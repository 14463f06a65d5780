import { defaultJobs } from '../engine/jobs.ts';
/** Everything a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** The terminal's width, when stdout is one (reports and the wizard wrap at words to it). */
  columns?: number;
  /** Whether stderr is a terminal (a progress line may then be shown). */
  stderrIsTTY?: boolean;
  /** How many worker threads the machine gives this process (the default of --jobs); 1 when unset. */
  cores?: number;
  /** Reads all of standard input as UTF-8, refusing more than `maxBytes`. */
  readStdin: (maxBytes?: number) => Promise<string>;
}

export function processIo(): Io {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    stdinIsTTY: process.stdin.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    cores: defaultJobs(),
    readStdin: async (maxBytes) => {
      const { DEFAULT_MAX_FILE_BYTES, readStreamBounded } = await import('../input/read.ts');
      return readStreamBounded(process.stdin, maxBytes ?? DEFAULT_MAX_FILE_BYTES);
    },
  };
}
