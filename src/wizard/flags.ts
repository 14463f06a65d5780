// How the questions appear as flags: in --help and in the README's flags table (both from the data).
import { allQuestions } from './questions/index.ts';
import type { Question } from './types.ts';

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
        `| \`--${question.risk.flag}\` | \`${question.risk.name}\` | | ${question.risk.describe ? `${question.risk.describe.replace(/--[a-z-]+/g, (flag) => `\`${flag}\``)}` : `Accepts a risky \`--${question.flag}\` value; \`ksec diff\` keeps flagging it`} |`,
      );
  }
  return `${rows.join('\n')}\n`;
}
