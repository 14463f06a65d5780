import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { flagsTable } from '../../src/wizard/flags.ts';
import { allQuestions } from '../../src/wizard/questions/index.ts';

describe('init flags', () => {
  it('the README flags table is the one generated from the question data', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    // The formatter pads table cells; compare the cells, not the padding.
    const cells = (text: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith('|'))
        .map((line) =>
          line
            .split('|')
            .map((cell) => (/^\s*-+\s*$/.test(cell) ? '---' : cell.trim()))
            .join('|'),
        );
    const table = cells(flagsTable());
    const lines = cells(readme);
    const start = lines.indexOf(table[0] ?? '');
    expect(start).toBeGreaterThanOrEqual(0);
    expect(lines.slice(start, start + table.length)).toEqual(table);
  });

  it('every question has a unique flag and answer key, a message and a one-line why', () => {
    const questions = allQuestions();
    const flags = questions.flatMap((q) => [q.flag, q.emptyFlag?.flag, q.risk?.flag].filter(Boolean));
    expect(new Set(flags).size).toBe(flags.length);
    const names = questions.flatMap((q) => [q.name, q.risk?.name].filter(Boolean));
    expect(new Set(names).size).toBe(names.length);
    for (const question of questions) {
      expect(question.flag).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(question.message.length).toBeGreaterThan(3);
      expect(question.why).toMatch(/^\S.*\.$/);
      expect(question.why).not.toContain('\n');
      if (question.type === 'select') expect(question.choices?.length).toBeGreaterThan(1);
    }
  });
});
