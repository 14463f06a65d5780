import type { HelperDelegate, HelperOptions } from 'handlebars';
import { flowYaml } from '../input/yaml-emit.ts';
import { KsecError } from '../util/errors.ts';
import { printable, UNPRINTABLE } from '../util/printable.ts';

/**
 * One value as a YAML scalar or flow collection that reads back as exactly that value (input/yaml-emit.ts):
 * strings that could be read as anything else (or carry YAML syntax) are double-quoted with escapes,
 * so no answer can add keys, items or documents.
 */
export function yamlValue(value: unknown): string {
  // Handlebars' strict mode does not check helper arguments: a missing field arrives here.
  if (value === undefined) throw new Error('the template asked for a value the context does not have');
  return flowYaml(value);
}

/** Characters that never need quoting in a POSIX shell word (the set Python's shlex.quote leaves alone). */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/**
 * One shell word that the shell reads back as exactly `value`: bare when plainly safe, else
 * single-quoted. A value with a control character (a newline, ESC, a bidirectional override) is
 * written `$'…'` with each such character as the `\xHH` bytes of its UTF-8 form, which bash reads
 * as those bytes in any locale (bash manual, "ANSI-C Quoting"; POSIX.1-2024 §2.2.4 Dollar-Single-Quotes;
 * zsh and ksh93 too, dash 0.5.12 not): the word stays on one line and shows the reader what it
 * holds, where a raw ESC would act on the terminal of whoever reads the script. Every script ksec
 * writes runs with bash. No shell word can carry a NUL character (argv strings end at one), so such
 * a value is refused.
 */
export function shellQuote(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'object')
    throw new Error(`cannot write ${JSON.stringify(value)} as a shell word`);
  const text = String(value);
  if (SHELL_SAFE.test(text)) return text;
  if (text.includes('\0'))
    throw new KsecError(
      `cannot write "${printable(text)}" into a shell command: no shell word can hold a NUL character`,
    );
  if (!UNPRINTABLE.test(text)) return `'${text.replaceAll("'", `'\\''`)}'`;
  return `$'${[...text].map(ansiCQuoted).join('')}'`;
}

const UTF8 = new TextEncoder();

function ansiCQuoted(char: string): string {
  if (char === '\\' || char === "'") return `\\${char}`;
  if (!UNPRINTABLE.test(char)) return char;
  return [...UTF8.encode(char)].map((byte) => `\\x${byte.toString(16).padStart(2, '0')}`).join('');
}

/** A file path as a shell word; a leading `~/` stays expandable as "$HOME"/, the rest is quoted. */
export function shellQuotePath(value: unknown): string {
  const text = String(value);
  return text.startsWith('~/') ? `"$HOME"/${shellQuote(text.slice(2))}` : shellQuote(text);
}

/** Indents every non-empty line of the block's output by `width` spaces (for block scalars). */
function indent(this: unknown, width: number, options: HelperOptions): string {
  const pad = ' '.repeat(width);
  return options
    .fn(this)
    .split('\n')
    .map((line) => (line === '' ? line : pad + line))
    .join('\n');
}

/**
 * Every helper, registered once on ksec's own Handlebars instance. Output helpers quote for
 * their target language; the rest are small comparisons templates need for structure.
 */
export const helpers: Record<string, HelperDelegate> = {
  yaml: (value: unknown) => yamlValue(value),
  shq: (value: unknown) => shellQuote(value),
  shqPath: (value: unknown) => shellQuotePath(value),
  json: (value: unknown) => JSON.stringify(value),
  // A value inside a `#` comment (YAML or shell): only a line break ends a comment, and none is left.
  commentValue: (value: unknown) => printable(String(value)),
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  not: (value: unknown) => !value,
  indent,
};
