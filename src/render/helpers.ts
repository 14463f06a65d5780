import type { HelperDelegate, HelperOptions } from 'handlebars';

/** Words YAML 1.1 (Go's yaml.v2, which kops uses) or 1.2 reads as booleans or null when unquoted. */
const YAML_KEYWORDS = new Set(['y', 'n', 'yes', 'no', 'on', 'off', 'true', 'false', 'null', '~']);

/**
 * Strings that stay plain scalars: a letter first, then only characters that cannot start or
 * end a YAML structure; CIDRs and x.y.z versions, which no YAML schema reads as a number.
 */
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const PLAIN_IPV4_CIDR = /^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/;
const PLAIN_VERSION = /^\d+\.\d+\.\d+$/;
const PLAIN_PATH = /^\/[A-Za-z0-9._/-]+$/;
const PLAIN_QUANTITY = /^\d+(m|Ki|Mi|Gi)$/;

/**
 * One value as a YAML scalar or flow collection that parses back to exactly that value: strings
 * that could be read as anything else (or carry YAML syntax) are double-quoted with JSON escapes,
 * which YAML accepts verbatim, so no answer can add keys, items or documents.
 */
export function yamlValue(value: unknown): string {
  // Handlebars' strict mode does not check helper arguments: a missing field arrives here.
  if (value === undefined) throw new Error('the template asked for a value the context does not have');
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML`);
    return String(value);
  }
  if (typeof value === 'string') {
    const plain =
      (PLAIN_WORD.test(value) && !YAML_KEYWORDS.has(value.toLowerCase())) ||
      PLAIN_IPV4_CIDR.test(value) ||
      PLAIN_VERSION.test(value) ||
      PLAIN_PATH.test(value) ||
      PLAIN_QUANTITY.test(value);
    return plain ? value : doubleQuoted(value);
  }
  if (Array.isArray(value)) return `[${value.map(yamlValue).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).map(
      ([key, item]) => `${doubleQuoted(key)}: ${yamlValue(item)}`,
    );
    return `{${entries.join(', ')}}`;
  }
  throw new Error(`cannot write a ${typeof value} as YAML`);
}

/**
 * Characters JSON leaves raw but YAML must not see raw: DEL and C1 controls are not printable
 * in YAML, and YAML 1.1 parsers (Go's, which kops uses) treat NEL, LS and PS as line breaks.
 */
const YAML_UNSAFE_RAW = /[\u007f-\u009f\u2028\u2029\ufeff]/g;

/** A YAML double-quoted scalar: JSON's escapes, which YAML shares, plus the characters above. */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(
    YAML_UNSAFE_RAW,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Characters that never need quoting in a POSIX shell word (the set Python's shlex.quote leaves alone). */
const SHELL_SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One shell word that the shell reads back as exactly `value`: single-quoted unless plainly safe. */
export function shellQuote(value: unknown): string {
  if (value === null || value === undefined || typeof value === 'object')
    throw new Error(`cannot write ${JSON.stringify(value)} as a shell word`);
  const text = String(value);
  if (SHELL_SAFE.test(text)) return text;
  return `'${text.replaceAll("'", `'\\''`)}'`;
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
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  gt: (a: unknown, b: unknown) => Number(a) > Number(b),
  not: (value: unknown) => !value,
  indent,
};
