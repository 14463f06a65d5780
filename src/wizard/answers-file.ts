import { parseDocument, stringify } from 'yaml';
import { KsecError } from '../util/errors.ts';
import { isObject } from '../util/object.ts';
import type { Answers } from './types.ts';

export const ANSWERS_FILE = 'ksec.answers.yaml';

/** The answers as written to ksec.answers.yaml: stable key order (the order they were asked). */
export function formatAnswers(answers: Answers): string {
  const header =
    '# The answers ksec init used. Reproduce the same files with:\n' +
    '#   ksec init --answers ksec.answers.yaml --yes\n';
  return header + stringify(answers, { lineWidth: 0 });
}

/** Parses an answers file; a YAML error or a non-mapping names the file, line and column. */
export function parseAnswers(text: string, fileName: string): Answers {
  const document = parseDocument(text, { prettyErrors: false });
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? `${fileName}:${at.line}:${at.col}` : fileName;
    throw new KsecError(`${where}: ${error.message.split('\n')[0]}`);
  }
  const value: unknown = document.toJS();
  if (value === null || value === undefined) return {};
  if (!isObject(value))
    throw new KsecError(
      `${fileName}: expected a mapping of answers (key: value), found ${Array.isArray(value) ? 'a list' : typeof value}`,
    );
  return value;
}
