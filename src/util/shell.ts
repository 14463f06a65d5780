// Words and comments of generated shell scripts. Every value goes through the one quoting helper
// templates use too (`shq`), so a cluster name, a CIDR list or a KMS key can never split into two
// words or run code; every comment line goes through `shellComment`, so no value can end a comment.
import { shellQuote } from '../render/helpers.ts';
import { printable } from './printable.ts';

export { shellQuote };

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
