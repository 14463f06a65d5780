// Writing YAML that kubectl and kops read back as exactly the value written: the counterpart of
// input/yaml.ts. A string is written plain only when go-yaml v2 resolves that plain text to the same
// string; anything else is double-quoted with escapes for every character a YAML 1.1 reader could
// take for a line break or refuse (NEL, LS, PS, C0/C1 controls, DEL, BOM).
import { isObject } from '../util/object.ts';
import { resolvePlainText } from './yaml.ts';

/**
 * Conservative plain-scalar syntax: no indicator first, nothing that could end or open a structure.
 * A comma, and a colon without a space after it, end a plain scalar only inside a flow collection.
 */
const PLAIN_SYNTAX = /^[A-Za-z0-9_/][A-Za-z0-9_./=+@%-]*$/;
const PLAIN_BLOCK_SYNTAX = /^[A-Za-z0-9_/~][A-Za-z0-9_./=+@%,:~-]*$/;

/** Where a scalar is written: inside a flow collection (`{…}`, `[…]`) or in block context. */
export type ScalarContext = 'flow' | 'block';

/**
 * Dates and times: go-yaml hands them to Kubernetes as strings, but other YAML 1.1 readers (PyYAML)
 * make dates of them, so they are quoted too.
 */
const TIMESTAMP_LIKE = /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}/;
/** `1:20`: a base-60 number to YAML 1.1 readers other than go-yaml. */
const SEXAGESIMAL_LIKE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/**
 * True when `text` may be written as a plain scalar and reads back as this very string: to go-yaml
 * (kubectl, kops), to YAML 1.2 readers, and to other YAML 1.1 readers.
 */
export function writesPlain(text: string, context: ScalarContext = 'flow'): boolean {
  if (!(context === 'block' ? PLAIN_BLOCK_SYNTAX : PLAIN_SYNTAX).test(text)) return false;
  if (TIMESTAMP_LIKE.test(text) || text.endsWith(':') || SEXAGESIMAL_LIKE.test(text)) return false;
  const resolved = resolvePlainText(text);
  return resolved.kind === 'str' && resolved.value === text;
}

/**
 * Characters JSON leaves raw but YAML must not see raw: DEL and C1 controls are not printable in YAML,
 * YAML 1.1 readers break lines at NEL, LS and PS, and a bidirectional control or a BOM would show the
 * reader of the file something else than it holds.
 */
const UNSAFE_RAW = /[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}\ufeff]/gu;

/** A YAML double-quoted scalar: JSON's escapes (which YAML shares) plus \uXXXX for the characters above. */
function doubleQuoted(text: string): string {
  return JSON.stringify(text).replace(
    UNSAFE_RAW,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** One scalar as YAML text. */
export function scalarYaml(value: unknown, context: ScalarContext = 'flow'): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} as YAML that Kubernetes reads`);
    return String(value);
  }
  if (typeof value === 'string') return writesPlain(value, context) ? value : doubleQuoted(value);
  throw new Error(`cannot write a ${typeof value} as a YAML scalar`);
}

/** A value in flow style (`{a: 1, b: [x, y]}`): one line, valid wherever a value may stand. */
export function flowYaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flowYaml).join(', ')}]`;
  if (isObject(value)) {
    const entries = Object.entries(value).map(([key, item]) => `${scalarYaml(key)}: ${flowYaml(item)}`);
    return `{${entries.join(', ')}}`;
  }
  return scalarYaml(value);
}

/**
 * A mapping entry in block style, as lines at `indent` spaces (each child `step` deeper); empty
 * collections and scalars stay on the key's line.
 */
export function blockEntry(key: string, value: unknown, indent: number, step: number): string[] {
  const head = `${' '.repeat(indent)}${scalarYaml(key)}:`;
  if (isObject(value) && Object.keys(value).length > 0) {
    return [head, ...Object.entries(value).flatMap(([k, v]) => blockEntry(k, v, indent + step, step))];
  }
  if (Array.isArray(value) && value.length > 0) {
    return [head, ...value.map((item) => `${' '.repeat(indent + step)}- ${flowYaml(item)}`)];
  }
  const isScalar = typeof value !== 'object' || value === null;
  return [`${head} ${isScalar ? scalarYaml(value, 'block') : flowYaml(value)}`];
}

/** A whole mapping document in block style (for tests and generated files). */
export function blockYaml(value: Record<string, unknown>, step = 2): string {
  return `${Object.entries(value)
    .flatMap(([key, item]) => blockEntry(key, item, 0, step))
    .join('\n')}\n`;
}
