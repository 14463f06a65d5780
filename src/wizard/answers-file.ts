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
