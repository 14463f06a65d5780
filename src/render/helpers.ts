import type { HelperDelegate, HelperOptions } from 'handlebars';
import { flowYaml } from '../input/yaml-emit.ts';
import { printable } from '../util/printable.ts';
import { shellQuote, shellQuotePath } from '../util/shell.ts';

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
