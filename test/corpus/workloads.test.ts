// The workload corpus tier: kubesec's own test manifests. For every file, the sign of ksec's score
// (positive, zero, negative) is what kubesec's tests assert (EXPECTED.tsv); where they assert nothing,
// the sign of the score worked out from kubesec's rule table. Files kubesec refuses (empty, unknown
// kind, the HTTP form prefix) must get an error or a skip with a reason, never a score.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { corpusDir, readTsv } from './corpus-root.ts';

const kubesecDir = corpusDir('workloads/kubesec');

const SIGN_OF_ASSERTION: Record<string, number> = { gt0: 1, 'gt0+exit0': 1, eq0: 0, lt0: -1 };
/** Rows kubesec never scores: the file is rejected before any rule runs. */
const REJECTED = new Set(['invalid', 'unsupported', 'http-only']);
/** A rejected row: by its test assertion, or by a derived score that is not a number (`unsupported`). */
const isRejected = (row: Record<string, string>) =>
  REJECTED.has(row.repo_test_assertion ?? '') || !/^-?\d+$/.test(row.derived_score ?? '');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : [path];
  });
}

/** `3(points)` lists like `Privileged(-30),AllowPrivilegeEscalation(-7)` → rule ids. */
const ids = (cell: string | undefined) =>
  (cell ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => entry.replace(/\(.*\)$/, ''))
    .sort();

describe.runIf(kubesecDir)('kubesec workload corpus', () => {
  const dir = kubesecDir ?? '';
  const rows = readTsv(readFileSync(join(dir, 'EXPECTED.tsv'), 'utf8'));
  const files = walk(dir)
    .map((path) => relative(dir, path))
    .filter((file) => file !== 'EXPECTED.tsv' && file !== 'SOURCE.md')
    .sort();

  it('has an EXPECTED row for every file and a file for every row', () => {
    expect([...new Set(rows.map((r) => r.file))].sort()).toEqual(files);
  });

  for (const file of files) {
    const fileRows = rows
      .filter((r) => r.file === file)
      .sort((a, b) => Number(a.doc_index) - Number(b.doc_index));
    const result = () => checkText(readFileSync(join(dir, file), 'utf8'), file);

    const scoredRows = fileRows.filter((row) => !isRejected(row));
    const rejectedRows = fileRows.filter(isRejected);
    const scoredOf = (r: ReturnType<typeof result>) => r.checked.filter((c) => c.score !== undefined);

    if (scoredRows.length === 0) {
      const why =
        fileRows[0]?.repo_test_assertion === '-'
          ? fileRows[0]?.derived_score
          : fileRows[0]?.repo_test_assertion;
      it(`${file}: not scored, with a reason (${why})`, () => {
        const r = result();
        expect(scoredOf(r)).toEqual([]);
        if (why === 'invalid') {
          // kubesec errors out; so does ksec, with a message that says what is wrong.
          expect(r.errors.length).toBeGreaterThan(0);
          for (const error of r.errors) expect(error.message).not.toBe('');
        } else {
          // An error, a skip with its reason, or an object ksec checks but (like kubesec) does not score.
          expect(r.errors.length + r.skipped.length + r.checked.length).toBeGreaterThan(0);
        }
        if (why === 'unsupported' && r.checked.length === 0)
          expect(r.skipped.map((s) => s.reason).join('\n')).toMatch(/is not checked/);
      });
      continue;
    }

    it(`${file}: the score has the sign kubesec's tests assert`, () => {
      const r = result();
      // A file that mixes scored objects with ones kubesec refuses may carry errors for the latter.
      if (rejectedRows.length === 0) expect(r.errors).toEqual([]);
      const scored = scoredOf(r);
      expect(scored.length).toBe(scoredRows.length);
      scoredRows.forEach((row, i) => {
        const checked = scored[i];
        const assertion = row.repo_test_assertion ?? '';
        const expectedSign = SIGN_OF_ASSERTION[assertion] ?? Math.sign(Number(row.derived_score));
        expect(Number.isNaN(expectedSign), `a usable expectation for ${file}#${i}`).toBe(false);
        expect(checked?.object.split('/')[0]).toBe(row.object?.split('/')[0]);
        expect(Math.sign(checked?.score ?? Number.NaN), `${file} document ${row.doc_index}`).toBe(
          expectedSign,
        );
      });
    });

    it(`${file}: the score and matched rules are those worked out from kubesec's rule table`, () => {
      const scored = scoredOf(result());
      scoredRows.forEach((row, i) => {
        const checked = scored[i];
        expect(checked?.score).toBe(Number(row.derived_score));
        expect(checked?.scoring?.critical.map((c) => c.id).sort()).toEqual(
          ids(row['derived_critical(points)']),
        );
        expect(checked?.scoring?.passed.map((c) => c.id).sort()).toEqual(ids(row['derived_passed(points)']));
      });
    });
  }
});
