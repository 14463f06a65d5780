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
async function markdownUsageProblems(markdown: string): Promise<string[]> {
  const lines = [
    // A line shown failing on purpose (`# exit 2`: an unknown rule id, a bad flag) is the CLI's refusal.
    ...shellCommands(markdown)
      .filter((c) => c.expectedExit !== 2)
      .map((c) => ({ ...c, named: false })),
    ...inlineCommands(markdown).map((c) => ({ ...c, named: true })),
  ].sort((a, b) => a.line - b.line);
  const problems: string[] = [];
  for (const { line, command, named } of lines)
    for (const args of ksecInvocations(command))
      for (const problem of await usageProblems(args, { named })) problems.push(`line ${line}: ${problem}`);
  return problems;
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
    it(`${file}: ${commands.length} command lines, every flag one its command takes`, async () => {
      expect(await markdownUsageProblems(markdown)).toEqual([]);
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
  it('refuses a made-up flag, a made-up command and a value outside the choices', async () => {
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
    expect(await markdownUsageProblems(markdown)).toEqual([
      'line 2: ksec diff has no flag --nope',
      'line 3: ksec diff --format yml: not one of text, json, sarif, shell, markdown',
      'line 5: no command difff',
      'line 6: ksec diff --fail-on needs a value',
      'line 8: ksec rules --provider aws: not one of kops, gke, workload',
      'line 8: ksec diff has no flag --formats',
    ]);
  });

  it('knows aliases, --no- forms, --flag=value, short flags and global flags', async () => {
    for (const args of [
      ['diff', 'a.yaml', '-f', 'json', '--fail-on=high', '--no-fix'],
      ['init', '--yes', '--no-ssh', '--api-cidr', '203.0.113.0/24'],
      ['--version'],
      ['rules', '-h'],
    ])
      expect(await usageProblems(args), args.join(' ')).toEqual([]);
    expect(await usageProblems(['diff', '-q'])).toEqual(['ksec diff has no flag -q']);
    expect(await usageProblems(['diff', '--no-format'])).toEqual(['ksec diff has no flag --no-format']);
    expect(await usageProblems(['diff', 'a.yaml', '--format'])).toEqual(['ksec diff --format needs a value']);
  });

  it('holds the wizard answers, rule ids and operands to the lists the CLI accepts', async () => {
    // Select answers are checked by the wizard's resolver, not by yargs: the same list, any case.
    expect(await usageProblems(['init', '--networking', 'Cilium', '--topology', 'private'])).toEqual([]);
    expect(await usageProblems(['snippet', 'network-policy', '--networking', 'flannel'])).toEqual([
      'ksec snippet --networking flannel: not one of cilium, calico, canal',
    ]);
    expect(await usageProblems(['diff', 'a.yaml', '--rule', 'kops/api-access-restricted,kops/nope'])).toEqual(
      [expect.stringMatching(/^ksec diff --rule kops\/nope: not one of its \d+ values$/)],
    );
    expect(await usageProblems(['explain', 'kops/api-access-restricted'])).toEqual([]);
    expect(await usageProblems(['explain', 'kops/api-access'])).toEqual([
      expect.stringMatching(/^ksec explain kops\/api-access: not one of its \d+ operands$/),
    ]);
    expect(await usageProblems(['explain', 'RULE-ID'])).toEqual([]);
    expect(await usageProblems(['completion', 'fish'])).toEqual([
      'ksec completion fish: not one of its 2 operands',
    ]);
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
