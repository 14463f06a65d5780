// Words of generated shell commands. Every value goes through the one quoting helper templates use
// too (`shq`), so a cluster name, a CIDR list or a KMS key can never split into two words or run code.
import { shellQuote } from '../render/helpers.ts';

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
