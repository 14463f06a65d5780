// The rule fixtures of test/fixtures/rules/<provider>/<rule>/, read by the fixture tests and the
// catalogue audit: pass.<case>, fail.<case> with its `# expect:` lines, fixed.<case>.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'rules');

export function fixtureFiles(ruleId: string): string[] {
  try {
    return readdirSync(join(FIXTURES, ruleId)).sort();
  } catch {
    return [];
  }
}

export interface Expectation {
  severity: string;
  path: string;
  line: number;
  messageId: string;
}

/**
 * The `# expect: <severity> <path> @<line> <messageId>` lines of a fail fixture. A line without its
 * message id does not match; the fixture test counts the `# expect:` lines to catch it.
 */
export function expectations(text: string): Expectation[] {
  return [...text.matchAll(/^# expect: (\w+) (\S+) @(\d+) (\w+)$/gm)].map((m) => ({
    severity: m[1] ?? '',
    path: m[2] ?? '',
    line: Number(m[3]),
    messageId: m[4] ?? '',
  }));
}
