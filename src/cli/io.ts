/** Everything a command may touch of the outside world; tests pass their own. */
export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stdinIsTTY: boolean;
  /** The terminal's width, when stdout is one (to wrap the wizard's lines at words). */
  columns?: number;
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
    ...(process.stdout.isTTY && process.stdout.columns ? { columns: process.stdout.columns } : {}),
    readStdin: async (maxBytes) => {
      const { DEFAULT_MAX_FILE_BYTES, readStreamBounded } = await import('../input/read.ts');
      return readStreamBounded(process.stdin, maxBytes ?? DEFAULT_MAX_FILE_BYTES);
    },
  };
}
