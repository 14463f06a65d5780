// Mutation fuzzing of real specs: take a real file, break it the ways editors, merges and attackers
// break files (byte flips, lost and doubled lines, shifted indentation, a value of another type,
// anchors and merges), and check that nothing in ksec throws and every report stays valid.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { checkText } from '../../src/engine/check.ts';
import { applyFixes } from '../../src/engine/fix.ts';
import { readYaml } from '../../src/input/yaml.ts';
import type { CheckResult } from '../../src/model.ts';
import { formatShell } from '../../src/remediation/gke-script.ts';
import { formatJson } from '../../src/report/json.ts';
import { formatSarif } from '../../src/report/sarif.ts';
import { formatText } from '../../src/report/text.ts';
import { KsecError } from '../../src/util/errors.ts';

/** The YAML and JSON files under the given directories, as seeds. */
export function seedFiles(roots: readonly string[]): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const walk = (dir: string, root: string) => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path, root);
      else if (/\.(ya?ml|json)$/.test(entry) && statSync(path).size < 200_000)
        out.push({ name: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  for (const root of roots) walk(root, join(root, '..'));
  return out;
}

/** Pieces that mean something to YAML, to the shell or to a terminal. */
const PIECES = [
  ':',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '#',
  '&a ',
  '*a',
  '<<: ',
  '!!int ',
  '"',
  "'",
  '|',
  '>',
  '---\n',
  '...\n',
  '\t',
  '\r',
  '\n',
  '\u0000',
  '\u001b[2J',
  '\u0085',
  '\u2028',
  '\u202e',
  '\ufeff',
  '~',
  'yes',
  'on',
  '0777',
  '.inf',
  '%YAML 1.2\n',
  '$(touch x)',
  '`x`',
  '\\',
  '\ud800',
];

/** Values of other types for a `key: value` line. */
const SWAPS = [
  '~',
  'null',
  'true',
  'yes',
  'off',
  '0',
  '-1',
  '0x10',
  '1e400',
  '.nan',
  '"str"',
  "'s'",
  '[]',
  '{}',
  '[x, y]',
  '{a: 1}',
  '*a',
  '&a {b: 1}',
  '{<<: {privileged: true}}',
  '!!binary "x"',
  '!!int "z"',
  '|\n  block',
];

export type Mutation =
  | { kind: 'flip'; at: number; piece: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'indent'; line: number; by: number }
  | { kind: 'swap'; line: number; value: number }
  | { kind: 'truncate'; at: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), piece: fc.nat() }),
  fc.record({ kind: fc.constant('delete-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('swap' as const), line: fc.nat(), value: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const lines = out.split('\n');
    const line = (n: number) => n % Math.max(lines.length, 1);
    switch (m.kind) {
      case 'flip': {
        const at = m.at % (out.length + 1);
        out = out.slice(0, at) + (PIECES[m.piece % PIECES.length] ?? '') + out.slice(at + 1);
        break;
      }
      case 'delete-line':
        lines.splice(line(m.line), 1);
        out = lines.join('\n');
        break;
      case 'duplicate-line': {
        const i = line(m.line);
        lines.splice(i, 0, lines[i] ?? '');
        out = lines.join('\n');
        break;
      }
      case 'indent': {
        const i = line(m.line);
        const current = lines[i] ?? '';
        lines[i] = m.by >= 0 ? ' '.repeat(m.by) + current : current.replace(new RegExp(`^ {0,${-m.by}}`), '');
        out = lines.join('\n');
        break;
      }
      case 'swap': {
        const candidates = lines
          .map((l, i) => [l, i] as const)
          .filter(([l]) => /^\s*[-\w."/]+:\s+\S/.test(l));
        const picked = candidates[m.line % Math.max(candidates.length, 1)];
        if (picked) {
          const [text, i] = picked;
          lines[i] = text.replace(/:\s+.*$/, `: ${SWAPS[m.value % SWAPS.length]}`);
          out = lines.join('\n');
        }
        break;
      }
      case 'truncate':
        out = out.slice(0, m.at % (out.length + 1));
        break;
    }
  }
  return out;
}

/**
 * Everything ksec does with one input: check it, report it in every format, fix it and read the fix
 * back. Throws (an assertion message) on the first broken promise.
 */
export function exercise(text: string, file = 'fuzz.yaml'): void {
  const result: CheckResult = checkText(text, file);
  for (const error of result.errors) {
    if (error.message.startsWith('internal error')) throw new Error(`check: ${error.message}`);
  }
  JSON.parse(formatJson(result));
  const sarif = JSON.parse(formatSarif(result));
  if (sarif.version !== '2.1.0') throw new Error('SARIF without its version');
  formatText(result, { brief: false });
  try {
    const script = formatShell(result);
    if (script.includes('\u0000')) throw new Error('a NUL in the shell script');
  } catch (error) {
    if (!(error instanceof KsecError)) throw error;
  }
  const fixed = applyFixes(text, file, result.findings);
  for (const skip of fixed.skipped) {
    if (skip.reason.startsWith('internal error')) throw new Error(`fix: ${skip.reason}`);
  }
  if (fixed.applied.length === 0) {
    if (fixed.text !== text) throw new Error('--fix changed a file it fixed nothing in');
    return;
  }
  // Every document that read before still reads, as the same object but for the fixed paths.
  const before = new Map(readYaml(text).documents.map((d) => [d.index, d.value]));
  const after = new Map(readYaml(fixed.text).documents.map((d) => [d.index, d.value]));
  const touched = new Set(fixed.applied.map((f) => f.document));
  for (const [index, value] of before) {
    if (!after.has(index)) throw new Error(`--fix made document ${index} unreadable`);
    if (!touched.has(index) && JSON.stringify(after.get(index)) !== JSON.stringify(value))
      throw new Error(`--fix changed document ${index}, which it did not fix`);
  }
  const again = checkText(fixed.text, file);
  const fixedRules = new Set(fixed.applied.map((f) => `${f.document} ${f.path}`));
  for (const finding of again.findings) {
    if (finding.fixable && fixedRules.has(`${finding.document} ${finding.path}`))
      throw new Error(`--fix left ${finding.ruleId} at ${finding.path}`);
  }
}

/** Writes a failing input where `npm run fuzz` keeps them, named by its content. */
export function saveFailure(dir: string, seed: string, text: string, error: unknown): string {
  mkdirSync(dir, { recursive: true });
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const path = join(dir, `${hash}.yaml`);
  writeFileSync(path, text);
  writeFileSync(`${path}.txt`, `seed: ${seed}\n${error instanceof Error ? error.stack : String(error)}\n`);
  return path;
}
