// Text from input (object names, file names, values, argv) reaches the terminal and the comments of
// generated scripts. There a control character is not text: ESC starts a sequence that moves the
// cursor or clears the screen, a newline starts a fake line, a bidirectional override reorders what
// the reader sees. Every human-readable output passes input text through `printable` first.

/**
 * The characters that are not shown as themselves: the C0 controls, DEL and the C1 controls
 * (Unicode category Cc), the bidirectional formatting controls (property Bidi_Control: ALM, LRM,
 * RLM, the embeddings, overrides and isolates) and the line and paragraph separators.
 */
export const UNPRINTABLE = /[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}]/u;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'gu');

const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** How one unprintable character is shown: `\n`, `\r`, `\t`, `\x1b` (ASCII), `\u202e` (the rest). */
export function escapeCharacter(char: string): string {
  const short = SHORT[char];
  if (short) return short;
  const code = char.codePointAt(0) ?? 0;
  return code < 0x80
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * The text with every unprintable character written as a visible escape, so the reader sees
 * `\x1b[2J` instead of a cleared screen. Everything else, backslashes included, is unchanged, so
 * ordinary text prints as it is and the function can be applied twice.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE_ALL, escapeCharacter);
}

/** For text whose line breaks are ksec's own (a rule's fix snippet): each line made printable. */
export function printableLines(text: string): string {
  return text.split('\n').map(printable).join('\n');
}

/** The first unprintable character of the text and its index, if any. */
export function firstUnprintable(text: string): { char: string; index: number } | undefined {
  const match = UNPRINTABLE.exec(text);
  return match ? { char: match[0], index: match.index } : undefined;
}
