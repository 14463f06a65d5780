import yargs from 'yargs';
import { STDIN_OPERAND } from '../input/read.ts';
import { EXIT, KsecError } from '../util/errors.ts';
import { fsErrorMessage, isFsError } from '../util/fs-errors.ts';
import { printable, printableLines } from '../util/printable.ts';
import { didYouMean, nearest } from '../util/suggest.ts';
import { VERSION } from '../version.ts';
import { type CommandSpec, commandName } from './command.ts';
import { completionCommand } from './commands/completion.ts';
import { diffCommand } from './commands/diff.ts';
import { docsCommand } from './commands/docs.ts';
import { explainCommand } from './commands/explain.ts';
import { initCommand } from './commands/init.ts';
import { rulesCommand } from './commands/rules.ts';
import { snippetCommand } from './commands/snippet.ts';
import { COMPLETION_REQUEST, complete, flagsOf } from './completion.ts';
import { type Io, processIo } from './io.ts';

// For bin/ksec.js: word a stream error, and undo writes in progress on a signal or an early exit.
export { fsErrorReason } from '../util/fs-errors.ts';
export { abandonWrites } from '../util/write.ts';

// biome-ignore lint/suspicious/noExplicitAny: each command narrows its own argv type.
export const commands: readonly CommandSpec<any>[] = [
  diffCommand,
  initCommand,
  rulesCommand,
  explainCommand,
  docsCommand,
  snippetCommand,
  completionCommand,
];

/**
 * Parses argv, runs the chosen command and returns the exit code: 0 clean, 1 findings at or
 * above --fail-on, 2 usage or input error. Never calls process.exit, so tests run it in-process.
 */
export async function run(argv: readonly string[], io: Io = processIo()): Promise<number> {
  if (argv[0] === COMPLETION_REQUEST) {
    const words = await completions(argv);
    io.stdout(words.map((word) => `${word}\n`).join(''));
    return EXIT.ok;
  }
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
    .example('$0 diff examples/kops-cluster.yaml', 'Check a kops cluster spec')
    .example('$0 explain kops/api-access-restricted', 'What a rule checks, why, and how to fix it')
    .example('$0 completion bash >> ~/.bashrc', 'Tab completion for commands, flags and their values')
    .epilogue(
      'Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.\n' +
        'Colour: on a terminal only; NO_COLOR turns it off, FORCE_COLOR forces it.',
    );
  // yargs renders the whole help text after every command handler, to have it ready for a later
  // showHelp(); ksec never calls that, and the rendering (string widths of every line) is a good part
  // of a run's start-up.
  (parser as unknown as { getInternalMethods(): { getUsageInstance(): { cacheHelpMessage(): void } } })
    .getInternalMethods()
    .getUsageInstance().cacheHelpMessage = () => undefined;
  for (const spec of commands) {
    parser.command(spec.command as string | string[], spec.describe, spec.builder, (args) => {
      selected = () => spec.run(args, io);
    });
  }

  const outcome = await new Promise<{ error: Error | undefined; output: string }>((resolve) => {
    // yargs drops a bare `-` operand; carry it through as a token that listInputs maps back to stdin.
    const args = argv.map((arg) => (arg === '-' ? STDIN_OPERAND : arg));
    parser.parse(args, {}, (error, _args, output) => resolve({ error: error ?? undefined, output }));
  });

  if (outcome.error) {
    const message = outcome.output.includes(outcome.error.message) ? outcome.output : outcome.error.message;
    // yargs' messages span lines and quote the arguments given: escape each line.
    io.stderr(
      `ksec: ${printableLines(explainUsageError(outcome.error.message, lastParagraph(message), argv))}\n`,
    );
    io.stderr(`Run '${printable(helpCommand(argv))}' for usage.\n`);
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

/**
 * The candidates for the completion script: commands, flags, the values of choice flags, rule ids
 * (after `explain`, for `--rule`) and snippet topics. The catalogue is loaded only when needed.
 */
async function completions(argv: readonly string[]): Promise<string[]> {
  // The script sends: --get-yargs-completions ksec <words so far> <current word>
  const words = argv.slice(argv.indexOf(COMPLETION_REQUEST) + 2);
  return complete(words.length === 0 ? [''] : words, {
    commands,
    values: flagValues,
    operands: operandValues,
  });
}

/** The values of flags yargs declares no choices for: rule ids for --rule, the wizard's select answers. */
export async function flagValues(flag: string): Promise<readonly string[] | undefined> {
  if (flag === 'rule') return (await import('../rules/index.ts')).ruleIds();
  const { allQuestions } = await import('../wizard/questions/index.ts');
  const question = allQuestions().find((q) => q.flag === flag);
  return question?.choices?.map((choice) => String(choice.value));
}

/** The values a command's operand takes, where they are a known list (rule ids after explain). */
export async function operandValues(command: string, index: number): Promise<readonly string[] | undefined> {
  if (index > 0) return undefined;
  if (command === 'explain') return (await import('../rules/index.ts')).ruleIds();
  if (command === 'snippet') return (await import('../snippets/index.ts')).topicIds();
  if (command === 'completion') return ['bash', 'zsh'];
  return undefined;
}

/**
 * yargs' own "Did you mean" only covers commands, and only when nothing else is wrong; this covers
 * an unknown command and unknown flags, from the same command table the parser is built from.
 */
function explainUsageError(error: string, message: string, argv: readonly string[]): string {
  if (/^Not enough non-option arguments/.test(error)) {
    const given = argv.find((arg) => !arg.startsWith('-'));
    const missing = commands.find((c) => commandName(c) === given)?.missingOperands;
    if (missing) return missing;
  }
  const unknown = /^Unknown arguments?: (.+)$/.exec(error)?.[1]?.split(', ');
  if (!unknown || unknown.length === 0) return message;
  const names = commands.map((spec) => commandName(spec));
  const given = argv.find((arg) => !arg.startsWith('-'));
  const spec = commands.find((c) => commandName(c) === given);
  if (!spec) {
    if (given === undefined || !unknown.includes(given)) return message;
    const close = nearest(given, names);
    return close.length > 0
      ? `unknown command '${given}'.${didYouMean(close, { quote: false })}`
      : `unknown command '${given}'. Commands: ${names.join(', ')}.`;
  }
  const flags = optionNames(spec);
  const hints = unknown
    .filter((token) => token !== given)
    .flatMap((token) => {
      const close = nearest(token, flags, { limit: 1 });
      return close.length > 0 ? [`'--${token}': did you mean '--${close[0]}'?`] : [];
    });
  return [message, ...hints].join('\n');
}

/** The long flags a command accepts: those completion offers, read from the command's own builder. */
function optionNames(spec: CommandSpec<unknown>): string[] {
  const names = flagsOf(spec).flatMap((flag) => flag.names);
  return [...names, 'version'].filter((name) => name.length > 1);
}

function helpCommand(argv: readonly string[]): string {
  const given = argv.find((arg) => !arg.startsWith('-'));
  return commands.some((c) => commandName(c) === given) ? `ksec ${given} --help` : 'ksec --help';
}

/** yargs puts the usage text before the error; the error is what the user needs. */
function lastParagraph(text: string): string {
  const parts = text.trim().split(/\n\s*\n/);
  return (parts[parts.length - 1] ?? text).trim();
}

/** Prints an error on stderr; its message names files and values from the input, so it is made printable. */
export function reportError(error: unknown, io: Io): number {
  if (error instanceof KsecError) {
    io.stderr(`ksec: ${error.multiline ? printableLines(error.message) : printable(error.message)}\n`);
    return error.exitCode;
  }
  // A file-system error is the user's to fix (a full disk, a permission): say so in one line.
  if (isFsError(error)) {
    io.stderr(`ksec: ${printable(fsErrorMessage(error))}\n`);
    return EXIT.usage;
  }
  const err = error as Error;
  io.stderr(
    `ksec: internal error: ${printableLines(`${err?.message ?? String(error)}\n${err?.stack ?? ''}`)}\n` +
      'This is a bug in ksec; please report it with the command you ran.\n',
  );
  return EXIT.usage;
}
