// --fix on real files (kops integration manifests, kubesec's workloads): the result parses, nothing
// fixable is left, the findings that need a person are still there, and every document the fixes
// did not touch is byte for byte what it was.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkText } from '../../src/engine/check.ts';
import { applyFixes } from '../../src/engine/fix.ts';
import { CORPUS_ROOT, corpusDir } from './corpus-root.ts';

function manifests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return manifests(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

const dirs = ['kops', 'kops-extra', 'workloads']
  .map((name) => corpusDir(name))
  .filter((d) => d !== undefined);

describe.runIf(dirs.length > 0)('--fix on the corpora', () => {
  const files = dirs.flatMap((dir) => manifests(dir));
  const fixedSomething: string[] = [];

  for (const path of files) {
    const name = relative(CORPUS_ROOT, path);
    const text = readFileSync(path, 'utf8');
    const before = checkText(text, name);
    if (before.errors.length > 0 || !before.findings.some((f) => f.fixable)) continue;
    fixedSomething.push(name);
    it(name, () => {
      const out = applyFixes(text, name, before.findings);
      const after = checkText(out.text, name);
      expect(after.errors).toEqual([]);
      expect(after.findings.filter((f) => f.fixable)).toEqual([]);
      // What needed a person still does.
      const manual = (r: typeof before) =>
        r.findings
          .filter((f) => !f.fixable)
          .map((f) => `${f.ruleId} ${f.object} ${f.path}`)
          .sort();
      expect(manual(after)).toEqual(manual(before));
      // Documents without a fix keep their exact text.
      const touched = new Set(out.applied.map((f) => f.document));
      const original = parseAllDocuments(text);
      const fixed = parseAllDocuments(out.text);
      expect(Array.isArray(fixed) && fixed.length).toBe(Array.isArray(original) && original.length);
      if (!Array.isArray(original) || !Array.isArray(fixed)) return;
      original.forEach((doc, index) => {
        if (touched.has(index) || !doc.contents?.range) return;
        const range = doc.contents.range;
        const again = fixed[index]?.contents?.range;
        expect(again && out.text.slice(again[0], again[2])).toBe(text.slice(range[0], range[2]));
      });
    });
  }

  it('has files with something to fix', () => expect(fixedSomething.length).toBeGreaterThan(10));
});
