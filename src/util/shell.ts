// Words and comments of generated shell scripts. Every value goes through the one quoting helper
// templates use too (`shq`), so a cluster name, a CIDR list or a KMS key can never split into two
// words or run code; every comment line goes through `shellComment`, so no value can end a comment.
import { KsecError } from './errors.ts';
import { printable, UNPRINTABLE } from './printable.ts';

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

/** A value in a generated command: a literal (quoted on output) or shell text written as is (a variable). */
export type ShellValue = string | { readonly shell: string };

/** Refers to a shell variable, double-quoted so it stays one word; `suffix` is literal text after it. */
export function shellVar(name: string, suffix = ''): ShellValue {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not a shell variable name: ${name}`);
  return { shell: `"\${${name}}${suffix.replaceAll(/["$`\\]/g, (c) => `\\${c}`)}"` };
}

export function renderValue(value: ShellValue): string {
  return typeof value === 'string' ? shellQuote(value) : value.shell;
}

/**
 * One `#` comment line of a generated script, the only way scripts get one. Only a line break ends
 * a comment, and the text is made printable first (a newline shows as `\n`, ESC as `\x1b`), so
 * nothing in it (a cluster name, a file name) can end the comment and start a command.
 */
export function shellComment(text: string): string {
  return `# ${printable(text)}`;
}

/**
 * Comment text that holds values (a node pool name, CIDRs from the cluster): a template tag that
 * makes every interpolated value printable, as `shellComment` does with the whole line.
 * `` commentText`Node pool ${pool.name}: private nodes.` ``
 */
export function commentText(strings: TemplateStringsArray, ...values: readonly unknown[]): string {
  return strings.reduce((text, part, index) => {
    const value = index < values.length ? printable(String(values[index])) : '';
    return text + part + value;
  }, '');
}
