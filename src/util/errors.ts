/**
 * An expected failure: bad input, bad usage, a refused write. The CLI prints its message
 * (no stack trace) and exits with its code.
 */
export class KsecError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = 2) {
    super(message);
    this.name = 'KsecError';
    this.exitCode = exitCode;
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2, interrupted: 130 } as const;
