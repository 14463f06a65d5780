// How the questions appear as flags: in --help and in the README's flags table (both from the data).
import { allQuestions } from './questions/index.ts';
import type { Question } from './types.ts';

/** The default as a user reads it, or undefined when the answer is required. */
export function defaultText(question: Question): string | undefined {
  if (question.defaultHelp) return question.defaultHelp;
  if (question.default === undefined || typeof question.default === 'function') return undefined;
  if (Array.isArray(question.default))
    return question.default.length === 0 ? 'none' : question.default.join(',');
  return String(question.default);
}

/** The message without its "(comma-separated)" hint: flags say "repeatable or comma-separated" instead. */
export function flagDescription(question: Question): string {
  const message = question.message.replace(
    /\s*\(([^)]*)comma-separated([^)]*)\)/,
    (_, before: string, after: string) => {
      const rest = `${before}${after}`.replace(/^[;,\s]+|[;,\s]+$/g, '');
      return rest ? ` (${rest})` : '';
    },
  );
  const choices = question.choices ? ` (${question.choices.map((c) => String(c.value)).join(', ')})` : '';
  const fallback = defaultText(question);
  const list = question.type === 'list' ? '; repeatable or comma-separated' : '';
  return `${message}${choices}${list}${fallback === undefined ? '' : ` [default: ${fallback}]`}`;
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
      `| ${flag}${choices} | \`${question.name}\` | ${fallback === undefined ? '**required**' : `\`${fallback}\``} | ${question.why} |`,
    );
    if (question.emptyFlag)
      rows.push(
        `| \`--no-${question.emptyFlag.flag}\` | \`${question.name}: []\` | | ${question.emptyFlag.describe} |`,
      );
    if (question.risk)
      rows.push(
        `| \`--${question.risk.flag}\` | \`${question.risk.name}\` | | Accepts a risky \`--${question.flag}\` value; \`ksec diff\` keeps flagging it |`,
      );
  }
  return `${rows.join('\n')}\n`;
}
