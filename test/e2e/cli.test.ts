// CLI conventions, checked on the built binary: help with examples on every command, version,
// completion, colour policy, stdout for data and stderr for errors, exit 2 with a suggestion for
// unknown commands, flags and rule ids.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { catalog } from '../../src/rules/index.ts';
import { BIN, ksec, ROOT } from './helpers.ts';

/** Every command name `ksec --help` lists, read from the help itself so a new command is covered. */
function listedCommands(): string[] {
  const help = ksec(['--help']).stdout;
  return [...help.matchAll(/^ {2}ksec (\w[\w-]*)/gm)].map((m) => m[1] as string);
}

describe('CLI conventions (built CLI)', () => {
  it('lists its commands and prints examples in the help of every command', () => {
    const commands = listedCommands();
    expect(commands).toEqual(expect.arrayContaining(['diff', 'rules', 'explain', 'docs', 'completion']));
    for (const command of commands) {
      const run = ksec([command, '--help']);
      expect(run.code, command).toBe(0);
      expect(run.stdout, command).toMatch(/\nExamples:\n {2}ksec /);
      expect(run.stderr).toBe('');
    }
    expect(ksec(['--help']).stdout).toContain('Examples:');
  });

  it('prints the package version', () => {
    for (const flag of ['--version', '-V']) {
      const run = ksec([flag]);
      expect(run.code).toBe(0);
      expect(run.stdout.trim()).toBe(pkg.version);
    }
  });

  it('rejects an unknown command with exit 2 and the nearest command', () => {
    const run = ksec(['dif', 'examples/kops-cluster.yaml']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("ksec: unknown command 'dif'. Did you mean diff?");
    expect(run.stderr).toContain("Run 'ksec --help' for usage.");
  });

  it('rejects unknown flags with exit 2 and the nearest flag of that command', () => {
    const run = ksec(['diff', 'examples/kops-cluster.yaml', '--fial-on', 'high']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain("'--fial-on': did you mean '--fail-on'?");
    expect(run.stderr).toContain("Run 'ksec diff --help' for usage.");
    const rules = ksec(['rules', '--provder', 'kops']);
    expect(rules.code).toBe(2);
    expect(rules.stderr).toContain("'--provder': did you mean '--provider'?");
  });

  it("says what a command needs when its operand is missing, never yargs' bare count", () => {
    for (const [command, hint] of [
      ['diff', 'name what to check: ksec diff FILE|DIR|-'],
      ['explain', 'name the rule to explain, e.g. ksec explain kops/api-access-restricted'],
    ] as const) {
      const run = ksec([command]);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`ksec: ${hint}`);
      expect(run.stderr).not.toContain('Not enough non-option arguments');
      expect(run.stderr).toContain(`Run 'ksec ${command} --help' for usage.`);
    }
  });

  it('rejects an invalid choice with exit 2 and names the choices', () => {
    const run = ksec(['rules', '--format', 'yaml']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Invalid values:[\s\S]*Choices: "text", "json", "markdown"/);
  });

  it('prints a completion script and answers completion requests', () => {
    const script = ksec(['completion', 'bash']);
    expect(script.code).toBe(0);
    expect(script.stdout).toContain('ksec --get-yargs-completions');
    const bashCheck = spawnSync('bash', ['-n'], { input: script.stdout, encoding: 'utf8' });
    expect(bashCheck.status, bashCheck.stderr).toBe(0);
    // Candidates come matched against the word being completed (test/e2e/completion.test.ts has more).
    const commands = ksec(['--get-yargs-completions', 'ksec', 'ex']);
    expect(commands.stdout.trim().split('\n')).toEqual(['explain']);
    const providers = ksec(['--get-yargs-completions', 'ksec', 'rules', '--provider', '']);
    expect(providers.stdout.trim().split('\n')).toEqual(['kops', 'gke', 'workload']);
    const ruleIds = ksec(['--get-yargs-completions', 'ksec', 'explain', 'kops/']);
    expect(ruleIds.stdout.trim().split('\n')).toEqual(
      catalog.map((r) => r.id).filter((id) => id.startsWith('kops/')),
    );
    const topics = ksec(['--get-yargs-completions', 'ksec', 'snippet', '']);
    expect(topics.stdout.split('\n')).toEqual(expect.arrayContaining(['api-access', 'audit-logging']));
    const flags = ksec(['--get-yargs-completions', 'ksec', 'explain', 'kops/rbac-authorization', '--']);
    expect(flags.stdout.split('\n')).toContain('--format');
  });

  describe('colour', () => {
    const raw = (env: Record<string, string | undefined>) =>
      spawnSync(process.execPath, [BIN, 'rules'], {
        cwd: ROOT,
        env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env } as NodeJS.ProcessEnv,
        encoding: 'utf8',
      }).stdout;

    it('is off when stdout is not a terminal', () => {
      expect(raw({})).not.toContain('\u001b[');
    });
    it('is forced by FORCE_COLOR, even with NO_COLOR', () => {
      expect(raw({ FORCE_COLOR: '1' })).toContain('\u001b[');
      expect(raw({ FORCE_COLOR: '1', NO_COLOR: '1' })).toContain('\u001b[');
    });
    it('is off with FORCE_COLOR=0', () => {
      expect(raw({ FORCE_COLOR: '0' })).not.toContain('\u001b[');
    });
  });
});

describe('ksec rules / explain / docs (built CLI)', () => {
  it('lists the catalogue, filtered by provider', () => {
    const all = ksec(['rules']);
    expect(all.code).toBe(0);
    for (const rule of catalog) expect(all.stdout).toContain(rule.id);
    const kops = ksec(['rules', '--provider', 'kops', '--format', 'json']);
    const ids = JSON.parse(kops.stdout).rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(catalog.filter((r) => r.provider === 'kops').map((r) => r.id));
    const markdown = ksec(['rules', '--format', 'markdown']);
    expect(markdown.stdout.startsWith('| Rule | Severity | Provider | Auto-fix | Title |\n')).toBe(true);
  });

  it('explains a rule on stdout', () => {
    const rule = catalog[0]!;
    const run = ksec(['explain', rule.id]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(rule.title);
    expect(run.stderr).toBe('');
    const markdown = ksec(['explain', rule.id, '--format', 'markdown']);
    expect(markdown.stdout.startsWith(`## ${rule.id}\n`)).toBe(true);
  });

  it('exits 2 for an unknown rule id and suggests the nearest ids', () => {
    const rule = catalog[0]!;
    const typo = `${rule.id.slice(0, -2)}${rule.id.slice(-1)}`;
    const run = ksec(['explain', typo]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`ksec: unknown rule id '${typo}'. Did you mean '${rule.id}'`);
    const tail = ksec(['explain', rule.id.split('/')[1]!]);
    expect(tail.code).toBe(2);
    expect(tail.stderr).toContain(`Did you mean '${rule.id}'`);
    // ksec diff --rule names the same suggestions.
    const diff = ksec(['diff', 'examples/kops-cluster.yaml', '--rule', typo]);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain(`ksec: --rule: unknown rule id '${typo}'. Did you mean '${rule.id}'`);
  });

  it('writes docs into --out, reports up-to-date files, and never replaces a hand-written page', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-docs-'));
    const first = ksec(['docs', '--out', 'reference'], { cwd: dir });
    expect(first.code).toBe(0);
    expect(first.stdout).toBe('');
    expect(first.stderr).toContain('wrote reference/rules.md');
    expect(readFileSync(join(dir, 'reference', 'rules.md'), 'utf8')).toBe(
      readFileSync(join(ROOT, 'docs', 'rules.md'), 'utf8'),
    );
    expect(ksec(['docs', '--out', 'reference'], { cwd: dir }).stderr).toContain(
      'reference/rules.md is up to date',
    );

    writeFileSync(join(dir, 'reference', 'rules.md'), '# Our own rules page\n');
    const refused = ksec(['docs', '--out', 'reference'], { cwd: dir });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not generated by ksec docs (use --force to replace)');
    expect(readFileSync(join(dir, 'reference', 'rules.md'), 'utf8')).toBe('# Our own rules page\n');
    expect(ksec(['docs', '--out', 'reference', '--force'], { cwd: dir }).code).toBe(0);

    const onFile = ksec(['docs', '--out', 'reference/rules.md'], { cwd: dir });
    expect(onFile.code).toBe(2);
    expect(onFile.stderr).toMatch(/^ksec: --out .*reference\/rules\.md is a file, not a directory\n$/);
  });
});

describe('ksec snippet (built CLI)', () => {
  it('lists every topic with --list', async () => {
    const { snippetTopics } = await import('../../src/snippets/index.ts');
    const run = ksec(['snippet', '--list']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(snippetTopics.length);
    for (const topic of snippetTopics) {
      expect(lines.some((line) => line.startsWith(`${topic.id} `) && line.includes(topic.title))).toBe(true);
    }
  });

  it('prints the snippet on stdout and the example-value note on stderr', () => {
    const example = ksec(['snippet', 'api-access']);
    expect(example.code).toBe(0);
    expect(example.stdout).toContain('  - 203.0.113.0/24\n');
    expect(example.stderr).toBe(
      'ksec: note: 203.0.113.0/24 is an example value; give yours with --api-cidr\n',
    );
    const mine = ksec(['snippet', 'api-access', '--api-cidr', '198.51.100.0/24,192.0.2.0/24']);
    expect(mine.stdout).toContain('  - 198.51.100.0/24\n  - 192.0.2.0/24\n');
    expect(mine.stderr).toBe('');
  });

  it('takes the region of a given zone rather than the example region, and names the examples used', () => {
    const note = (value: string, flag: string) =>
      `ksec: note: ${value} is an example value; give yours with --${flag}\n`;
    const zonal = ksec(['snippet', 'gke-create', '--zone', 'us-central1-a']);
    expect(zonal.code, zonal.stderr).toBe(0);
    expect(zonal.stdout).toContain('\nLOCATION=us-central1-a\n');
    expect(zonal.stdout).not.toContain('europe-west1');
    expect(zonal.stderr).toBe(
      note('demo', 'name') + note('example-project', 'project') + note('203.0.113.0/24', 'api-cidr'),
    );
    const regional = ksec(['snippet', 'gke-create']);
    expect(regional.code, regional.stderr).toBe(0);
    expect(regional.stdout).toContain('\nLOCATION=europe-west1\n');
    expect(regional.stderr).toBe(
      note('demo', 'name') +
        note('example-project', 'project') +
        note('europe-west1', 'region') +
        note('203.0.113.0/24', 'api-cidr'),
    );
  });

  it('wraps a snippet in Markdown with --format markdown', () => {
    const run = ksec(['snippet', 'rbac', '--format', 'markdown']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^## kops: rbac\n/);
    expect(run.stdout).toContain('```yaml\nspec:\n');
  });

  it('exits 2 for an unknown topic, a missing topic and a value the topic does not use', () => {
    const unknown = ksec(['snippet', 'api-acess']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Did you mean 'api-access'?");
    expect(ksec(['snippet']).stderr).toContain('name a topic: ksec snippet TOPIC');
    const value = ksec(['snippet', 'rbac', '--ssh-cidr', '198.51.100.0/24']);
    expect(value.code).toBe(2);
    expect(value.stderr).toContain('snippet rbac does not use --ssh-cidr');
  });

  it('refuses values as ksec init does: a choice it does not offer, a list with its --no- form', () => {
    const choice = ksec(['snippet', 'network-policy', '--networking', 'flannel']);
    expect(choice.code).toBe(2);
    expect(choice.stderr).toBe('ksec: --networking: "flannel" is not one of: cilium, calico, canal\n');
    const both = ksec(['snippet', 'ssh-access', '--ssh-cidr', '198.51.100.0/24', '--no-ssh']);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe('ksec: --ssh-cidr and --no-ssh contradict each other; give one\n');
    const number = ksec(['snippet', 'instance-metadata', '--imds-hop-limit', 'one']);
    expect(number.code).toBe(2);
    expect(number.stderr).toBe('ksec: --imds-hop-limit takes a number, e.g. --imds-hop-limit 1\n');
    const level = ksec(['snippet', 'audit-logging', '--audit-level', 'request', '--format', 'yaml']);
    expect(level.code, level.stderr).toBe(0);
    expect(level.stdout).toContain(
      '# Changes to everything else, with their bodies.\n      - level: Request\n',
    );
    const hops = ksec(['snippet', 'instance-metadata', '--imds-hop-limit', '1']);
    expect(hops.code, hops.stderr).toBe(0);
    expect(hops.stdout).toContain('httpPutResponseHopLimit: 1\n');
  });
});
