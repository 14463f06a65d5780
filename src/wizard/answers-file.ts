import { parse, parseDocument, stringify } from 'yaml';
import { yamlDoubleQuoted, yamlValue } from '../render/helpers.ts';
import { KsecError } from '../util/errors.ts';
import { isObject } from '../util/object.ts';
import { UNPRINTABLE } from '../util/printable.ts';
import type { Answers } from './types.ts';

export const ANSWERS_FILE = 'ksec.answers.yaml';

/**
 * The answers as written to ksec.answers.yaml: stable key order (the order they were asked), one
 * key per line, lists as block sequences. A string is written plain only when YAML 1.2 and 1.1
 * readers both read it back as that string (`yes`, `on`, `1:20` are booleans and numbers to 1.1
 * readers such as PyYAML and Go's yaml.v2); otherwise it is double-quoted with escapes.
 */
export function formatAnswers(answers: Answers): string {
  const header =
    '# The answers ksec init used. Reproduce the same files with:\n' +
    '#   ksec init --answers ksec.answers.yaml --yes\n';
  const lines: string[] = [];
  for (const [key, value] of Object.entries(answers)) {
    if (value === undefined) continue;
    if (Array.isArray(value) && value.length > 0) {
      lines.push(`${answerScalar(key)}:`, ...value.map((item) => `  - ${answerScalar(item)}`));
    } else {
      lines.push(`${answerScalar(key)}: ${answerScalar(value)}`);
    }
  }
  return header + lines.map((line) => `${line}\n`).join('');
}

function answerScalar(value: unknown): string {
  if (typeof value !== 'string') return yamlValue(value);
  return readsBackPlain(value) ? value : yamlDoubleQuoted(value);
}

/**
 * YAML 1.1 gives these plain scalars types of their own (the value key and the merge key), which
 * PyYAML's safe loader refuses to construct.
 */
const YAML_11_SPECIAL = new Set(['=', '<<']);

/** True when `text`, written plain, is that string to the yaml library (1.2) and to a YAML 1.1 reader. */
function readsBackPlain(text: string): boolean {
  if (text === '' || UNPRINTABLE.test(text) || text.includes('\ufeff') || YAML_11_SPECIAL.has(text))
    return false;
  // The library quotes or folds what YAML 1.2 would misread; what it leaves plain is checked against 1.1.
  if (stringify(text, { lineWidth: 0 }) !== `${text}\n`) return false;
  try {
    return parse(text, { version: '1.1' }) === text && parse(text) === text;
  } catch {
    return false;
  }
}

/** Parses an answers file; a YAML error or a non-mapping names the file, line and column. */
export function parseAnswers(text: string, fileName: string): Answers {
  const document = parseDocument(text, { prettyErrors: true });
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? `${fileName}:${at.line}:${at.col}` : fileName;
    // The position is in front already; drop yaml's own " at line L, column C:" and code frame.
    const message = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new KsecError(`${where}: ${message}`);
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return {};
  if (!isObject(value))
    throw new KsecError(
      `${fileName}: expected a mapping of answers (key: value), found ${Array.isArray(value) ? 'a list' : typeof value}`,
    );
  return value;
}
