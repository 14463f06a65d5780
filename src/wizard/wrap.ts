import { wrap as wrapWords } from '../util/wrap.ts';

/**
 * Text wrapped at word boundaries to `columns`, each line indented and ending in a newline; one line
 * when the width is unknown (not a terminal) or too narrow to help. Lines that start with a space
 * are left as they are.
 */
export function wrap(text: string, columns: number | undefined, indent = ''): string {
  return text
    .split('\n')
    .map((paragraph) => wrapParagraph(paragraph, columns, indent))
    .join('');
}

function wrapParagraph(text: string, columns: number | undefined, indent: string): string {
  if (text === '') return '\n';
  // A line that starts with a space is a command or a table row: kept whole, so it copies as one.
  if (!columns || columns < 40 || text.startsWith(' ')) return `${indent}${text}\n`;
  return wrapWords(text, columns - 1, indent)
    .map((line) => `${line}\n`)
    .join('');
}
