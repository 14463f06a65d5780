import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import yargs from 'yargs';
import { initCommand } from '../../src/cli/commands/init.ts';
import { snippetCommand } from '../../src/cli/commands/snippet.ts';
import { snippetValueNames } from '../../src/snippets/index.ts';
import {
  flagAnswers,
  flagDescription,
  flagsTable,
  listedFlags,
  questionFlags,
  questionOptions,
  riskDescription,
} from '../../src/wizard/flags.ts';
import { allQuestions } from '../../src/wizard/questions/index.ts';
import type { Question } from '../../src/wizard/types.ts';

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

const question = (flag: string): Question => {
  const found = allQuestions().find((q) => q.flag === flag);
  if (!found) throw new Error(`no question with --${flag}`);
  return found;
};

/** Parses argv with the flags of these questions only, and reads the answers back. */
function answersOf(argv: readonly string[], questions: readonly Question[] = allQuestions()) {
  const args = questionOptions(yargs(), questions)
    .strict()
    .parseSync([...argv]);
  return flagAnswers(args, questions);
}

describe('question flags', () => {
  it('declares each flag with the type of its question', () => {
    const option = (flag: string) => questionFlags(question(flag))[0]?.option;
    expect(option('bastion')).toMatchObject({ type: 'boolean' });
    expect(option('zones')).toMatchObject({ type: 'string', array: true });
    expect(option('node-count')).toMatchObject({ type: 'number' });
    // A select of numbers takes a number; a select of names takes text.
    expect(option('control-plane-count')).toMatchObject({ type: 'number' });
    expect(option('topology')).toMatchObject({ type: 'string' });
    expect(option('topology')).not.toHaveProperty('choices');
    expect(option('name')).toMatchObject({ type: 'string' });
    for (const q of allQuestions())
      expect(questionFlags(q)[0]).toEqual({
        flag: q.flag,
        option: expect.objectContaining({ describe: flagDescription(q) }),
      });
  });

  it('adds the hidden --no- flag of a list and the described risk confirmation', () => {
    expect(questionFlags(question('ssh-cidr')).slice(1)).toEqual([
      { flag: 'ssh', option: { type: 'boolean', hidden: true } },
      {
        flag: 'confirm-open-ssh',
        option: { type: 'boolean', describe: riskDescription(question('ssh-cidr')) },
      },
    ]);
    expect(listedFlags([question('ssh-cidr')])).toEqual(['ssh-cidr', 'confirm-open-ssh']);
  });

  it('reads the answers back under their names, numbers as numbers', () => {
    expect(
      answersOf([
        '--zones',
        'eu-west-1a,eu-west-1b',
        '--zones',
        'eu-west-1c',
        '--control-plane-count',
        '3',
        '--imds-hop-limit',
        '1',
        '--topology',
        'public',
        '--bastion',
        '--no-encryption-config',
      ]),
    ).toEqual({
      zones: ['eu-west-1a,eu-west-1b', 'eu-west-1c'],
      controlPlaneCount: 3,
      imdsHopLimit: 1,
      topology: 'public',
      bastion: true,
      encryptionConfig: false,
    });
    expect(answersOf(['--no-ssh'])).toEqual({ sshCidrs: [] });
    expect(answersOf(['--imds-hop-limit', '2', '--confirm-hop-limit'])).toEqual({
      imdsHopLimit: 2,
      confirmHopLimit: true,
    });
    expect(answersOf([])).toEqual({});
  });

  it('refuses a list with its --no- form, and a number flag given text, in one line', () => {
    expect(() => answersOf(['--ssh-cidr', '10.0.0.0/8', '--no-ssh'])).toThrow(
      /^--ssh-cidr and --no-ssh contradict each other; give one$/,
    );
    // --ssh is there for its negation only; on its own it would be accepted and ignored.
    expect(() => answersOf(['--ssh'])).toThrow(
      /^--ssh on its own means nothing: give --ssh-cidr CIDR, or --no-ssh for none$/,
    );
    expect(() => answersOf(['--imds-hop-limit', 'one'])).toThrow(
      /^--imds-hop-limit takes a number, e.g. --imds-hop-limit 1$/,
    );
    expect(() => answersOf(['--control-plane-count', 'three'])).toThrow(
      /^--control-plane-count takes a number, e.g. --control-plane-count 3$/,
    );
  });

  it('init and snippet declare the same flags for the same questions', () => {
    type Declared = {
      key: Record<string, unknown>;
      boolean: string[];
      string: string[];
      number: string[];
      array: string[];
      hiddenOptions: string[];
      choices: Record<string, unknown>;
    };
    const declared = (builder: typeof initCommand.builder) =>
      (builder(yargs()) as unknown as { getOptions(): Declared }).getOptions();
    const init = declared(initCommand.builder);
    const snippet = declared(snippetCommand.builder);
    const names = new Set(snippetValueNames());
    const flags = allQuestions()
      .filter((q) => names.has(q.name))
      .flatMap((q) => questionFlags(q).map((f) => f.flag));
    expect(flags.length).toBeGreaterThan(10);
    const shape = (options: typeof init, flag: string) => ({
      boolean: options.boolean.includes(flag),
      string: options.string.includes(flag),
      number: options.number.includes(flag),
      array: options.array.includes(flag),
      hidden: options.hiddenOptions.includes(flag),
      choices: options.choices[flag],
    });
    for (const flag of flags) expect(shape(snippet, flag), flag).toEqual(shape(init, flag));
  });
});
