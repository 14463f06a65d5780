// Table tests for every rule, read from test/fixtures/rules/<provider>/<rule>/:
//   pass.<case>.{yaml,json}  the rule reports nothing
//   fail.<case>.{yaml,json}  the rule reports exactly the `# expect: <severity> <path> @<line>` lines at the top
//   fixed.<case>.yaml        what `--fix` makes of fail.<case> (optional; required for fixable rules)
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/engine/evaluate.ts';
import { applyFixes } from '../src/engine/fix.ts';
import { catalog } from '../src/rules/index.ts';

export const FIXTURES = join(import.meta.dirname, 'fixtures', 'rules');

export function fixtureFiles(ruleId: string): string[] {
  try {
    return readdirSync(join(FIXTURES, ruleId)).sort();
  } catch {
    return [];
  }
}

function expectations(text: string): { severity: string; path: string; line: number }[] {
  return [...text.matchAll(/^# expect: (\w+) (\S+) @(\d+)$/gm)].map((m) => ({
    severity: m[1] ?? '',
    path: m[2] ?? '',
    line: Number(m[3]),
  }));
}

for (const rule of catalog) {
  describe(rule.id, () => {
    const files = fixtureFiles(rule.id);
    for (const name of files.filter((f) => /^(pass|fail)\./.test(f))) {
      const text = readFileSync(join(FIXTURES, rule.id, name), 'utf8');
      it(name, () => {
        const result = checkText(text, name, { rules: [rule] });
        expect(result.errors).toEqual([]);
        const found = result.findings.map((f) => ({ severity: f.severity, path: f.path, line: f.line }));
        if (name.startsWith('pass.')) {
          expect(found).toEqual([]);
        } else {
          const expected = expectations(text);
          expect(expected.length, 'a fail fixture lists its expected findings').toBeGreaterThan(0);
          expect(found).toEqual(expected);
          for (const finding of result.findings) expect(finding.ruleId).toBe(rule.id);
        }
      });
      const fixed = name.replace(/^fail\./, 'fixed.');
      if (name.startsWith('fail.') && files.includes(fixed)) {
        it(`${name} --fix`, () => {
          const result = checkText(text, name, { rules: [rule] });
          const out = applyFixes(text, name, result.findings);
          expect(out.text).toBe(readFileSync(join(FIXTURES, rule.id, fixed), 'utf8'));
          expect(checkText(out.text, name, { rules: [rule] }).findings.filter((f) => f.fixable)).toEqual([]);
        });
      }
    }
  });
}
