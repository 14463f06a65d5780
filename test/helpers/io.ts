// An Io for running the CLI in-process: everything it prints is captured, nothing is a terminal.
import type { Io } from '../../src/cli/io.ts';

export function memoryIo(cwd: string, overrides: Partial<Io> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    cwd,
    env: {},
    stdoutIsTTY: false,
    stdinIsTTY: false,
    readStdin: async () => '',
    ...overrides,
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}
