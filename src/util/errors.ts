/**
 * An expected failure: bad input, bad usage, a refused write. The CLI prints its message
 * (no stack trace) and exits with its code. The message is one line: a line break in it (from a
 * file name or a value) is shown as `\n`, unless `multiline` says the breaks are ksec's own.
 */
export class KsecError extends Error {
  readonly exitCode: number;
  readonly multiline: boolean;
  constructor(message: string, exitCode = 2, options: { multiline?: boolean } = {}) {
    super(message);
    this.name = 'KsecError';
    this.exitCode = exitCode;
    this.multiline = options.multiline ?? false;
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;
