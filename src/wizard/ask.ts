// The only module that imports @inquirer/prompts: everything else takes an AskFn, so tests and
// non-interactive runs never load it.
import { styleText } from 'node:util';
import { confirm, input, number, select } from '@inquirer/prompts';
import { EXIT, KsecError } from '../util/errors.ts';
import { printable } from '../util/printable.ts';
import type { AskFn, Prompt } from './resolve.ts';
import { wrap } from './wrap.ts';

export interface TerminalAskOptions {
  /** Where the one-line "why" goes before each prompt (stderr by default, so stdout stays clean). */
  note?: (text: string) => void;
  /** The terminal width, to wrap the "why" lines at word boundaries (unwrapped when unknown). */
  columns?: number;
}

/**
 * An AskFn on the real terminal. Ctrl-C ends the wizard with exit 130, before anything is written.
 * What it shows is made printable: a refusal quotes the reply, and the echo of a reply is the reply.
 */
export function terminalAsk(options: TerminalAskOptions = {}): AskFn {
  return async (prompt: Prompt) => {
    if (prompt.why && options.note) options.note(wrap(printable(prompt.why), options.columns, '  '));
    try {
      return await askOnce(prompt);
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError'))
        throw new KsecError('cancelled; nothing was written', EXIT.interrupted);
      throw error;
    }
  };
}

/** A reply the wizard asks more about (a CIDR to correct, a risky value): resolved as such, unmarked. */
const PENDING = Symbol('pending');

async function askOnce(prompt: Prompt): Promise<unknown> {
  const check = prompt.validate;
  const pending = prompt.pending;
  // A pending reply ends its prompt through the abort signal, so inquirer never draws its ✔ for it:
  // the question that follows (use the network address? accept it anyway?) settles it.
  const controller = new AbortController();
  let held: { reply: unknown } | undefined;
  const validate = check
    ? (value: unknown): true | string => {
        const verdict = check(value);
        if (verdict === true && pending?.(value)) {
          held = { reply: value };
          // The prompt settles as aborted at once; the `true` that follows is ignored by it. (A
          // validation that never settles would keep standard input open and the process alive.)
          controller.abort(PENDING);
          return true;
        }
        return verdict === true ? true : printable(verdict);
      }
    : undefined;
  const step = prompt.step ? styleText('dim', `${prompt.step.index}/${prompt.step.total} `) : '';
  const message = `${step}${printable(prompt.message)}`;
  const context = { signal: controller.signal };
  try {
    return await promptFor(prompt, message, validate, context);
  } catch (error) {
    if (held && error instanceof Error && error.name === 'AbortPromptError') return held.reply;
    throw error;
  }
}

function promptFor(
  prompt: Prompt,
  message: string,
  validate: ((value: unknown) => true | string) | undefined,
  context: { signal: AbortSignal },
): Promise<unknown> {
  switch (prompt.type) {
    case 'confirm':
      return confirm({ message, default: prompt.default === true }, context);
    case 'select':
      return select(
        {
          message,
          choices: (prompt.choices ?? []).map((choice) => ({
            value: choice.value,
            name: printable(choice.name ?? String(choice.value)),
            ...(choice.description ? { description: printable(choice.description) } : {}),
            ...(choice.disabled ? { disabled: `(${printable(choice.disabled)})` } : {}),
          })),
          ...(typeof prompt.default === 'string' || typeof prompt.default === 'number'
            ? { default: prompt.default }
            : {}),
        },
        context,
      );
    case 'number':
      return number(
        {
          message,
          required: true,
          ...(typeof prompt.default === 'number' ? { default: prompt.default } : {}),
          ...(validate ? { validate: (value: number | undefined) => validate(value) } : {}),
        },
        context,
      );
    default:
      return input(
        {
          message,
          ...(prompt.default === undefined ? {} : { default: String(prompt.default) }),
          ...(validate ? { validate: (value: string) => validate(value) } : {}),
          // The reply as typed and as echoed once given (cyan, as inquirer's own answer style).
          transformer: (value, { isFinal }) =>
            isFinal ? styleText('cyan', printable(value)) : printable(value),
        },
        context,
      );
  }
}
