// Every ksec command line of README.md and docs/*.md, run or not (`# not run:` lines, code spans in
// the prose), names a command ksec has and only flags that command takes, by their real names,
// aliases or --no- forms, and gives a choice-valued flag one of its choices. The flags are what the
// command modules declare to yargs, the same list tab completion offers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../e2e/helpers.ts';
import {
  inlineCommands,
  ksecInvocations,
  shellCommands,
  usageProblems,
} from '../helpers/markdown-commands.ts';

/** The problems of every ksec command line of a Markdown text, as `line N: problem`. */
function markdownUsageProblems(markdown: string): string[] {
  const lines = [
    ...shellCommands(markdown).map((c) => ({ ...c, named: false })),
    ...inlineCommands(markdown).map((c) => ({ ...c, named: true })),
  ].sort((a, b) => a.line - b.line);
  return lines.flatMap(({ line, command, named }) =>
    ksecInvocations(command).flatMap((args) =>
      usageProblems(args, { named }).map((problem) => `line ${line}: ${problem}`),
    ),
  );
}

const FILES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('ksec command lines in the docs use the CLI as it is', () => {
  for (const file of FILES) {
    const markdown = readFileSync(join(ROOT, file), 'utf8');
    const commands = [...shellCommands(markdown), ...inlineCommands(markdown)];
    it(`${file}: ${commands.length} command lines, every flag one its command takes`, () => {
      expect(markdownUsageProblems(markdown)).toEqual([]);
    });
  }

  it('README.md shows command lines of every kind: run, not run, npx, in prose', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const shell = shellCommands(readme);
    expect(shell.some((c) => c.notRun)).toBe(true);
    expect(shell.some((c) => c.command.includes('npx ksec'))).toBe(true);
    expect(inlineCommands(readme).length).toBeGreaterThan(0);
  });
});

describe('the usage check', () => {
  it('refuses a made-up flag, a made-up command and a value outside the choices', () => {
    const markdown = [
      '```sh',
      'ksec diff --nope x # not run: made up',
      'kops get all -o yaml | npx ksec diff - \\',
      '  --format yml',
      'ksec difff a.yaml',
      'ksec diff a.yaml --baseline <(git show main:a.yaml) --fail-on # not run: git',
      '```',
      'Prose: `ksec rules --provider=aws`, `ksec diff --format`, `ksec diff --formats`.',
    ].join('\n');
    expect(markdownUsageProblems(markdown)).toEqual([
      'line 2: ksec diff has no flag --nope',
      'line 3: ksec diff --format yml: not one of text, json, sarif, shell, markdown',
      'line 5: no command difff',
      'line 6: ksec diff --fail-on needs a value',
      'line 8: ksec rules --provider aws: not one of kops, gke, workload',
      'line 8: ksec diff has no flag --formats',
    ]);
  });

  it('knows aliases, --no- forms, --flag=value, short flags and global flags', () => {
    for (const args of [
      ['diff', 'a.yaml', '-f', 'json', '--fail-on=high', '--no-fix'],
      ['init', '--yes', '--no-ssh', '--api-cidr', '203.0.113.0/24'],
      ['--version'],
      ['rules', '-h'],
    ])
      expect(usageProblems(args), args.join(' ')).toEqual([]);
    expect(usageProblems(['diff', '-q'])).toEqual(['ksec diff has no flag -q']);
    expect(usageProblems(['diff', '--no-format'])).toEqual(['ksec diff has no flag --no-format']);
    expect(usageProblems(['diff', 'a.yaml', '--format'])).toEqual(['ksec diff --format needs a value']);
  });

  it('finds ksec after pipes, &&, ;, npx and variables, and leaves redirections out', () => {
    expect(
      ksecInvocations(
        `cat a | NO_COLOR=1 ksec diff - --format json > out.json 2>&1 && npx ksec rules; echo "ksec x" | ksec explain 'a b'`,
      ),
    ).toEqual([['diff', '-', '--format', 'json'], ['rules'], ['explain', 'a b']]);
    expect(ksecInvocations('ksec diff a --baseline <(git show main:a) | less')).toEqual([
      ['diff', 'a', '--baseline', '<(git show main:a)'],
    ]);
  });
});
