// The only module that imports @inquirer/prompts: everything else takes an AskFn, so tests and
// non-interactive runs never load it.
import { styleText } from 'node:util';
import { confirm, input, number, select } from '@inquirer/prompts';
import { EXIT, KsecError } from '../util/errors.ts';
import { printable } from '../util/printable.ts';
import type { AskFn, Prompt } from './resolve.ts';

export interface TerminalAskOptions {
  /** Where the one-line "why" goes before each prompt (stderr by default, so stdout stays clean). */
  note?: (text: string) => void;
}

/**
 * An AskFn on the real terminal. Ctrl-C ends the wizard with exit 130, before anything is written.
 * What it shows is made printable: a refusal quotes the reply, and the echo of a reply is the reply.
 */
export function terminalAsk(options: TerminalAskOptions = {}): AskFn {
  return async (prompt: Prompt) => {
    if (prompt.why && options.note) options.note(`  ${printable(prompt.why)}\n`);
    try {
      return await askOnce(prompt);
    } catch (error) {
      if (error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError'))
        throw new KsecError('cancelled; nothing was written', EXIT.interrupted);
      throw error;
    }
  };
}

async function askOnce(prompt: Prompt): Promise<unknown> {
  const check = prompt.validate;
  const validate = check
    ? (value: unknown) => {
        const verdict = check(value);
        return verdict === true ? true : printable(verdict);
      }
    : undefined;
  const message = printable(prompt.message);
  switch (prompt.type) {
    case 'confirm':
      return confirm({ message, default: prompt.default === true });
    case 'select':
      return select({
        message,
        choices: (prompt.choices ?? []).map((choice) => ({
          value: choice.value,
          name: choice.name ?? String(choice.value),
          ...(choice.description ? { description: choice.description } : {}),
          ...(choice.disabled ? { disabled: `(${printable(choice.disabled)})` } : {}),
        })),
        ...(typeof prompt.default === 'string' || typeof prompt.default === 'number'
          ? { default: prompt.default }
          : {}),
      });
    case 'number':
      return number({
        message,
        required: true,
        ...(typeof prompt.default === 'number' ? { default: prompt.default } : {}),
        ...(validate ? { validate: (value: number | undefined) => validate(value) } : {}),
      });
    default:
      return input({
        message,
        ...(prompt.default === undefined ? {} : { default: String(prompt.default) }),
        ...(validate ? { validate: (value: string) => validate(value) } : {}),
        // The reply as typed and as echoed once given (cyan, as inquirer's own answer style).
        transformer: (value, { isFinal }) =>
          isFinal ? styleText('cyan', printable(value)) : printable(value),
      });
  }
}
