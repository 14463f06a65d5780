// The only module that imports @inquirer/prompts: everything else takes an AskFn, so tests and
// non-interactive runs never load it.
import { confirm, input, number, select } from '@inquirer/prompts';
import { EXIT, KsecError } from '../util/errors.ts';
import type { AskFn, Prompt } from './resolve.ts';

export interface TerminalAskOptions {
  /** Where the one-line "why" goes before each prompt (stderr by default, so stdout stays clean). */
  note?: (text: string) => void;
}

/** An AskFn on the real terminal. Ctrl-C ends the wizard with exit 130, before anything is written. */
export function terminalAsk(options: TerminalAskOptions = {}): AskFn {
  return async (prompt: Prompt) => {
    if (prompt.why && options.note) options.note(`  ${prompt.why}\n`);
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
  const validate = prompt.validate;
  switch (prompt.type) {
    case 'confirm':
      return confirm({ message: prompt.message, default: prompt.default === true });
    case 'select':
      return select({
        message: prompt.message,
        choices: (prompt.choices ?? []).map((choice) => ({
          value: choice.value,
          name: choice.name ?? String(choice.value),
          ...(choice.description ? { description: choice.description } : {}),
          ...(choice.disabled ? { disabled: `(${choice.disabled})` } : {}),
        })),
        ...(typeof prompt.default === 'string' || typeof prompt.default === 'number'
          ? { default: prompt.default }
          : {}),
      });
    case 'number':
      return number({
        message: prompt.message,
        required: true,
        ...(typeof prompt.default === 'number' ? { default: prompt.default } : {}),
        ...(validate ? { validate: (value: number | undefined) => validate(value) } : {}),
      });
    default:
      return input({
        message: prompt.message,
        ...(prompt.default === undefined ? {} : { default: String(prompt.default) }),
        ...(validate ? { validate: (value: string) => validate(value) } : {}),
      });
  }
}
