import yargs from 'yargs';
import { STDIN_OPERAND } from '../input/read.ts';
import { EXIT, KsecError } from '../util/errors.ts';
import type { CommandSpec } from './command.ts';
import { diffCommand } from './commands/diff.ts';
import { initCommand } from './commands/init.ts';
import { type Io, processIo } from './io.ts';
import { VERSION } from './version.ts';

// biome-ignore lint/suspicious/noExplicitAny: each command narrows its own argv type.
const commands: readonly CommandSpec<any>[] = [diffCommand, initCommand];

/**
 * Parses argv, runs the chosen command and returns the exit code: 0 clean, 1 findings at or
 * above --fail-on, 2 usage or input error. Never calls process.exit, so tests run it in-process.
 */
export async function run(argv: readonly string[], io: Io = processIo()): Promise<number> {
  let selected: (() => Promise<number>) | undefined;
  const parser = yargs()
    .scriptName('ksec')
    .usage(
      '$0 <command> [options]\n\nA sound security baseline for Kubernetes clusters on kops (AWS) and GKE.',
    )
    .version(VERSION)
    .help()
    .alias('h', 'help')
    .alias('V', 'version')
    .strict()
    .recommendCommands()
    .demandCommand(1, 'Name a command: ksec diff FILE, ksec init, ksec rules, … (ksec --help lists them)')
    .exitProcess(false)
    .wrap(Math.min(100, Number(io.env.COLUMNS) || 100))
    .epilogue('Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.');
  for (const spec of commands) {
    parser.command(spec.command as string | string[], spec.describe, spec.builder, (args) => {
      selected = () => spec.run(args, io);
    });
  }

  const outcome = await new Promise<{ error: Error | undefined; output: string }>((resolve) => {
    // yargs drops a bare `-` operand; carry it through as a token that readInputs maps back to stdin.
    const args = argv.map((arg) => (arg === '-' ? STDIN_OPERAND : arg));
    parser.parse(args, {}, (error, _args, output) => resolve({ error: error ?? undefined, output }));
  });

  if (outcome.error) {
    const message = outcome.output.includes(outcome.error.message) ? outcome.output : outcome.error.message;
    io.stderr(`ksec: ${lastParagraph(message)}\nRun 'ksec --help' for usage.\n`);
    return EXIT.usage;
  }
  if (!selected) {
    // --help or --version: yargs produced the text.
    if (outcome.output) io.stdout(`${outcome.output}\n`);
    return EXIT.ok;
  }
  try {
    return await selected();
  } catch (error) {
    return reportError(error, io);
  }
}

/** yargs puts the usage text before the error; the error is what the user needs. */
function lastParagraph(text: string): string {
  const parts = text.trim().split(/\n\s*\n/);
  return (parts[parts.length - 1] ?? text).trim();
}

export function reportError(error: unknown, io: Io): number {
  if (error instanceof KsecError) {
    io.stderr(`ksec: ${error.message}\n`);
    return error.exitCode;
  }
  const err = error as Error;
  io.stderr(
    `ksec: internal error: ${err?.message ?? String(error)}\n${err?.stack ?? ''}\n` +
      'This is a bug in ksec; please report it with the command you ran.\n',
  );
  return EXIT.usage;
}
