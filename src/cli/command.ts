import type { Argv } from 'yargs';
import type { Io } from './io.ts';

/**
 * A CLI command: yargs wiring (cheap, loaded at start-up) plus a handler that lazy-imports the
 * library modules it needs, so `ksec diff` never loads the wizard or the template engine.
 */
export interface CommandSpec<A = Record<string, unknown>> {
  command: string | readonly string[];
  describe: string;
  builder: (yargs: Argv) => Argv;
  /** What to say when the operands the command needs are missing (yargs' own words say "non-option arguments"). */
  missingOperands?: string;
  run: (argv: A, io: Io) => Promise<number>;
}

export function defineCommand<A>(spec: CommandSpec<A>): CommandSpec<A> {
  return spec;
}
