// How the questions appear as flags: the yargs options of `ksec init` and `ksec snippet`, the answers
// read back from them, --help and the README's flags table (all from the question data).
import type { Argv } from 'yargs';
import { KsecError } from '../util/errors.ts';
import { allQuestions } from './questions/index.ts';
import type { Answers, Question } from './types.ts';

/** The default as a user reads it, or undefined when the answer is required. */
export function defaultText(question: Question): string | undefined {
  if (question.defaultHelp) return question.defaultHelp;
  if (question.default === undefined || typeof question.default === 'function') return undefined;
  if (Array.isArray(question.default))
    return question.default.length === 0 ? 'none' : question.default.join(',');
  return question.default === '' ? 'none' : String(question.default);
}

/** What a risk confirmation flag does, for --help and the flags table. */
export function riskDescription(question: Question): string {
  return question.risk?.describe ?? `Accept a risky --${question.flag} value (ksec diff keeps flagging it)`;
}

/**
 * The message as a flag's description: its "comma-separated" hint goes (flags say "repeatable or
 * comma-separated" instead), the choices and the default are added, and a list that a `--no-…` flag
 * empties says so.
 */
export function flagDescription(question: Question): string {
  const message = question.message.replace(/\s*\(([^)]*)\)/g, (whole, inner: string) => {
    if (!/comma-separated|empty/.test(inner)) return whole;
    // Wizard hints ("comma-separated", "leave empty for …") say nothing about a flag.
    const rest = inner
      .split(/\s*;\s*/)
      .map((part) =>
        part
          .split(/\s*,\s*/)
          .filter((item) => item !== '' && item !== 'comma-separated')
          .join(', '),
      )
      .filter((part) => part !== '' && !/^(leave )?empty\b/.test(part))
      .join('; ');
    return rest ? ` (${rest})` : '';
  });
  const choices = question.choices ? ` (${question.choices.map((c) => String(c.value)).join(', ')})` : '';
  const fallback = defaultText(question);
  const list = question.type === 'list' ? '; repeatable or comma-separated' : '';
  const empty = question.emptyFlag ? `; --no-${question.emptyFlag.flag} for none` : '';
  return `${message}${choices}${list}${empty}${fallback === undefined ? '' : ` [default: ${fallback}]`}`;
}

/** The yargs declaration of one flag. */
export interface FlagOption {
  type: 'boolean' | 'string' | 'number';
  array?: true;
  describe?: string;
  hidden?: true;
}

/** One flag a question adds to a command, under its name without dashes. */
export interface QuestionFlag {
  flag: string;
  option: FlagOption;
}

/** A select whose choices are numbers (`--control-plane-count 3`) takes a number, as a number question does. */
function takesNumber(question: Question): boolean {
  return (
    question.type === 'number' ||
    (question.type === 'select' &&
      question.choices !== undefined &&
      question.choices.length > 0 &&
      question.choices.every((choice) => typeof choice.value === 'number'))
  );
}

/**
 * The flags of one question: its own; the hidden boolean whose `--no-…` form answers a list with
 * none (only that form means something, and --help could only list it as `--ssh`, so the list flag's
 * description names `--no-ssh` instead); and its risk confirmation.
 *
 * A select's choices are named in its description, not declared to yargs: the resolver checks them,
 * as it checks the same answer from an answers file or a prompt (case-insensitively, and refused in
 * one line naming the choices); yargs' own check would be case-sensitive and span several lines.
 */
export function questionFlags(question: Question): QuestionFlag[] {
  const describe = flagDescription(question);
  const own: FlagOption =
    question.type === 'confirm'
      ? { type: 'boolean', describe }
      : question.type === 'list'
        ? { type: 'string', array: true, describe }
        : takesNumber(question)
          ? { type: 'number', describe }
          : { type: 'string', describe };
  const flags: QuestionFlag[] = [{ flag: question.flag, option: own }];
  if (question.emptyFlag)
    flags.push({ flag: question.emptyFlag.flag, option: { type: 'boolean', hidden: true } });
  if (question.risk)
    flags.push({
      flag: question.risk.flag,
      option: { type: 'boolean', describe: riskDescription(question) },
    });
  return flags;
}

/** Declares the flags of these questions on a command's parser (--help groups them: see listedFlags). */
export function questionOptions(parser: Argv, questions: readonly Question[]): Argv {
  let result = parser;
  for (const question of questions)
    for (const { flag, option } of questionFlags(question)) result = result.option(flag, option);
  return result;
}

/** The flags of these questions that --help lists, in order (for a command's help groups). */
export function listedFlags(questions: readonly Question[]): string[] {
  return questions.flatMap((question) =>
    questionFlags(question)
      .filter(({ option }) => !option.hidden)
      .map(({ flag }) => flag),
  );
}

/**
 * The answers given as flags, keyed by answer name, from arguments parsed with questionOptions.
 * Refuses a list flag together with its `--no-…` form, and a number flag that is no number; every
 * other check is the resolver's.
 */
export function flagAnswers(
  args: Readonly<Record<string, unknown>>,
  questions: readonly Question[],
): Answers {
  const answers: Answers = {};
  for (const question of questions) {
    const value = args[question.flag];
    const emptied = question.emptyFlag !== undefined && args[question.emptyFlag.flag] === false;
    // Only the negated form means something: a bare --ssh would otherwise be accepted and ignored.
    if (question.emptyFlag && args[question.emptyFlag.flag] === true)
      throw new KsecError(
        `--${question.emptyFlag.flag} on its own means nothing: give --${question.flag}${question.placeholder ? ` ${question.placeholder}` : ''}, or --no-${question.emptyFlag.flag} for none`,
      );
    if (value !== undefined && emptied)
      throw new KsecError(
        `--${question.flag} and --no-${question.emptyFlag?.flag} contradict each other; give one`,
      );
    if (typeof value === 'number' && Number.isNaN(value))
      throw new KsecError(
        `--${question.flag} takes a number, e.g. --${question.flag} ${question.choices?.[0]?.value ?? (typeof question.default === 'number' ? question.default : 2)}`,
      );
    if (value !== undefined) answers[question.name] = value;
    else if (emptied) answers[question.name] = [];
    if (question.risk && args[question.risk.flag] === true) answers[question.risk.name] = true;
  }
  return answers;
}

/** The README table of init flags, generated from the question data (a test keeps them in sync). */
export function flagsTable(questions: readonly Question[] = allQuestions()): string {
  const rows = ['| flag | answer key | default | why it matters |', '|---|---|---|---|'];
  for (const question of questions) {
    const flag = `\`--${question.flag}${question.placeholder ? ` ${question.placeholder}` : ''}\``;
    const choices = question.choices
      ? ` (${question.choices.map((c) => `\`${String(c.value)}\``).join(', ')})`
      : '';
    const fallback = defaultText(question);
    rows.push(
      `| ${flag}${choices}${question.advanced ? ' (advanced)' : ''} | \`${question.name}\` | ${fallback === undefined ? '**required**' : `\`${fallback}\``} | ${question.why} |`,
    );
    if (question.emptyFlag)
      rows.push(
        `| \`--no-${question.emptyFlag.flag}\` | \`${question.name}: []\` | | ${question.emptyFlag.describe} |`,
      );
    if (question.risk)
      rows.push(
        `| \`--${question.risk.flag}\` | \`${question.risk.name}\` | | ${riskDescription(question).replace(/\bksec [a-z]+\b|--[a-z][a-z0-9-]*/g, (code) => `\`${code}\``)} |`,
      );
  }
  return `${rows.join('\n')}\n`;
}
