// Wrapping text to a terminal's width at spaces only: a word, a path or a rule id is never broken,
// and one longer than the line keeps its own line. Widths count code points, and ANSI colour
// sequences (which ksec adds itself, never takes from input) count nothing.

const ANSI = /\u001b\[[0-9;]*m/g;

/** The visible width of a line: code points, without colour sequences. */
export function visibleWidth(text: string): number {
  let width = 0;
  for (const _ of text.replace(ANSI, '')) width += 1;
  return width;
}

/**
 * `text` as lines of at most `width` columns: the first starts with `first` (e.g. `why: `), the rest
 * with `rest` (spaces, for a hanging indent). Each prefix counts in the width.
 */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let lineWidth = visibleWidth(first);
  let empty = true;
  for (const word of text.split(' ')) {
    if (word === '') continue;
    const wordWidth = visibleWidth(word);
    if (!empty && lineWidth + 1 + wordWidth > width) {
      lines.push(line);
      line = rest;
      lineWidth = visibleWidth(rest);
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    lineWidth += empty ? wordWidth : wordWidth + 1;
    empty = false;
  }
  lines.push(line);
  return lines;
}

/** The width to wrap to: the terminal's columns, else $COLUMNS, else 80 (at least 40). */
export function terminalWidth(columns: number | undefined, env: Record<string, string | undefined>): number {
  const fromEnv = Number(env.COLUMNS);
  const width = columns && columns > 0 ? columns : Number.isFinite(fromEnv) && fromEnv > 0 ? fromEnv : 80;
  return Math.max(40, Math.floor(width));
}
