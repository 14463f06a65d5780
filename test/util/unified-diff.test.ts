// The unified diff of `ksec diff --fix --dry-run` is what `patch -p1` applies: checked with the real
// patch program on random edits of real-looking files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/util/unified-diff.ts';

function applies(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-patch-'));
  writeFileSync(join(dir, 'spec.yaml'), before);
  const diff = unifiedDiff('spec.yaml', before, after);
  const run = spawnSync('patch', ['-p1', '--quiet', '--batch'], { cwd: dir, input: diff, encoding: 'utf8' });
  expect(run.status, `${run.stdout}${run.stderr}\n${diff}`).toBe(0);
  return readFileSync(join(dir, 'spec.yaml'), 'utf8');
}

describe('unifiedDiff', () => {
  it('is empty for equal texts, and shows a changed line with its context', () => {
    expect(unifiedDiff('a.yaml', 'x: 1\n', 'x: 1\n')).toBe('');
    const text = ['a: 1', 'b: 2', 'c: 3', 'd: 4', 'e: 5', 'f: 6', 'g: 7', ''].join('\n');
    expect(unifiedDiff('a.yaml', text, text.replace('d: 4', 'd: 40'))).toBe(
      '--- a/a.yaml\n+++ b/a.yaml\n@@ -1,7 +1,7 @@\n a: 1\n b: 2\n c: 3\n-d: 4\n+d: 40\n e: 5\n f: 6\n g: 7\n',
    );
  });

  it('marks a last line without a line break', () => {
    expect(unifiedDiff('a.yaml', 'a: 1', 'a: 2')).toBe(
      '--- a/a.yaml\n+++ b/a.yaml\n@@ -1,1 +1,1 @@\n-a: 1\n\\ No newline at end of file\n+a: 2\n\\ No newline at end of file\n',
    );
  });

  it('is what patch -p1 applies, for any edit', () => {
    const line = fc.stringMatching(/^[a-z: -]{0,12}$/);
    const edit = fc.record({
      at: fc.nat(),
      remove: fc.nat({ max: 3 }),
      insert: fc.array(line, { maxLength: 3 }),
    });
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 40 }),
        fc.array(edit, { maxLength: 4 }),
        fc.boolean(),
        (lines, edits, crlf) => {
          const eol = crlf ? '\r\n' : '\n';
          const before = lines.map((l) => `${l}${eol}`).join('');
          const changed = [...lines];
          for (const e of edits) changed.splice(e.at % (changed.length + 1), e.remove, ...e.insert);
          const after = changed.map((l) => `${l}${eol}`).join('');
          expect(applies(before, after)).toBe(after);
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });
});
