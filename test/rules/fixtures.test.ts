// Table tests for every rule, read from test/fixtures/rules/<provider>/<rule>/:
//   pass.<case>.{yaml,json}  the rule reports nothing
//   fail.<case>.{yaml,json}  the rule reports exactly the `# expect: <severity> <path> @<line> <messageId>`
//                            lines at the top (the messageId is the key of the rule's message that fired)
//   fixed.<case>.yaml        what `--fix` makes of fail.<case> (optional; required for fixable rules)
// A `# today: YYYY-MM-DD` line fixes the date the rule sees (rules that compare with a calendar).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { applyFixes } from '../../src/engine/fix.ts';
import type { CheckResult } from '../../src/model.ts';
import { catalog } from '../../src/rules/index.ts';
import { expectations, FIXTURES, fixtureFiles } from '../helpers/rule-fixtures.ts';

/** Fixes the date for a fixture that names one; the rules read it through `new Date()`. */
function useFixtureDate(text: string): void {
  const day = /^# today: (\d{4}-\d{2}-\d{2})$/m.exec(text)?.[1];
  if (!day) return;
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${day}T12:00:00Z`));
}

afterEach(() => {
  vi.useRealTimers();
});

for (const rule of catalog) {
  describe(rule.id, () => {
    const files = fixtureFiles(rule.id);
    for (const name of files.filter((f) => /^(pass|fail)\./.test(f))) {
      const text = readFileSync(join(FIXTURES, rule.id, name), 'utf8');
      // Each fixture is checked once; its --fix case below works on the same result.
      let checked: CheckResult | undefined;
      const check = () => {
        useFixtureDate(text);
        checked ??= checkText(text, name, { rules: [rule] });
        return checked;
      };
      it(name, () => {
        const result = check();
        expect(result.errors).toEqual([]);
        const found = result.findings.map((f) => ({
          severity: f.severity,
          path: f.path,
          line: f.line,
          messageId: f.messageId,
        }));
        if (name.startsWith('pass.')) {
          expect(found).toEqual([]);
        } else {
          const expected = expectations(text);
          expect(expected.length, 'a fail fixture lists its expected findings').toBeGreaterThan(0);
          expect(expected.length, 'every `# expect:` line names severity, path, @line and message id').toBe(
            text.match(/^# expect:/gm)?.length ?? 0,
          );
          expect(found).toEqual(expected);
          for (const finding of result.findings) expect(finding.ruleId).toBe(rule.id);
        }
      });
      const fixed = name.replace(/^fail\./, 'fixed.');
      if (name.startsWith('fail.') && files.includes(fixed)) {
        it(`${name} --fix`, () => {
          const result = check();
          expect(
            result.findings.some((f) => f.autoFix !== undefined),
            `${name} has a finding --fix applies`,
          ).toBe(true);
          const out = applyFixes(text, name, result.findings);
          expect(out.text).toBe(readFileSync(join(FIXTURES, rule.id, fixed), 'utf8'));
          expect(checkText(out.text, name, { rules: [rule] }).findings.filter((f) => f.fixable)).toEqual([]);
        });
      }
    }
  });
}
