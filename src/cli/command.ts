import yargs, { type Argv } from 'yargs';
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

/** The command's name: the first word of its yargs command string (`diff` of `diff <files..>`). */
export function commandName(spec: CommandSpec<unknown>): string {
  const command = typeof spec.command === 'string' ? spec.command : (spec.command[0] ?? '');
  return command.split(' ')[0] ?? command;
}

/** What yargs' builder declares: exposed by `getOptions()`, which @types/yargs leaves out. */
export interface ParserOptions {
  key?: Record<string, unknown>;
  alias?: Record<string, string[]>;
  boolean?: string[];
  array?: string[];
  choices?: Record<string, unknown[]>;
  hiddenOptions?: string[];
}

/** The options a command declares, read from its own builder so no list of them can drift. */
export function parserOptions(spec: CommandSpec<unknown>): ParserOptions {
  // getOptions() is public in yargs' JS API but missing from @types/yargs.
  return (spec.builder(yargs()) as unknown as { getOptions(): ParserOptions }).getOptions();
}
