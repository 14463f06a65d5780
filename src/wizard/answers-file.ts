import { readSingleDocument } from '../input/source.ts';
import { flowYaml, scalarYaml } from '../input/yaml-emit.ts';
import { KsecError } from '../util/errors.ts';
import { isObject } from '../util/object.ts';
import type { Answers } from './types.ts';

export const ANSWERS_FILE = 'ksec.answers.yaml';

/**
 * The answers as written to ksec.answers.yaml: stable key order (the order they were asked), one
 * key per line, lists as block sequences. A string is written plain only when YAML 1.2 and 1.1
 * readers all read it back as that string (`yes`, `on`, `0777` are booleans and numbers to 1.1
 * readers such as Go's yaml.v2 and PyYAML); otherwise it is double-quoted with escapes. List items
 * are block scalars too (`- 2001:db8::/48` stays plain), which is why this is not `blockYaml`: that
 * writes them in flow style and would quote an IPv6 CIDR.
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
  return typeof value === 'string' ? scalarYaml(value, 'block') : flowYaml(value);
}

/** Parses an answers file; a YAML error or a non-mapping names the file, line and column. */
export function parseAnswers(text: string, fileName: string): Answers {
  const value = readSingleDocument(text, fileName);
  if (value === null || value === undefined) return {};
  if (!isObject(value))
    throw new KsecError(
      `${fileName}: expected a mapping of answers (key: value), found ${Array.isArray(value) ? 'a list' : typeof value}`,
    );
  return value;
}
