import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.ts';
import { KOPS_INIT_ARGS } from '../helpers/init-args.ts';
import { memoryIo } from '../helpers/io.ts';

const REQUIRED = KOPS_INIT_ARGS;

const io = (cwd: string) => memoryIo(cwd);

describe('ksec init (in-process)', () => {
  it('writes the files and reproduces them byte for byte from ksec.answers.yaml', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    const first = io(dir);
    expect(await run(['init', '--yes', '--out', 'a', ...REQUIRED], first.io)).toBe(0);
    expect(first.out()).toContain(
      'Wrote cluster.yaml, kops-commands.sh, k8s/namespaces.yaml, k8s/network-policies.yaml, k8s/rbac-definition.yaml, k8s/workload-example.yaml, ksec.answers.yaml',
    );
    expect(statSync(join(dir, 'a', 'kops-commands.sh')).mode & 0o777).toBe(0o755);
    const again = io(dir);
    expect(await run(['init', '--answers', 'a/ksec.answers.yaml', '--yes', '--out', 'b'], again.io)).toBe(0);
    for (const file of ['cluster.yaml', 'kops-commands.sh', 'ksec.answers.yaml'])
      expect(readFileSync(join(dir, 'b', file), 'utf8')).toBe(readFileSync(join(dir, 'a', file), 'utf8'));
  });

  it('never overwrites without --force, and writes nothing when any file exists', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    writeFileSync(join(dir, 'cluster.yaml'), 'mine\n');
    const refused = io(dir);
    expect(await run(['init', '--yes', ...REQUIRED], refused.io)).toBe(2);
    expect(refused.err()).toMatch(/refusing to overwrite existing file: .*cluster\.yaml \(use --force/);
    expect(readFileSync(join(dir, 'cluster.yaml'), 'utf8')).toBe('mine\n');
    expect(() => statSync(join(dir, 'ksec.answers.yaml'))).toThrow();
    expect(await run(['init', '--yes', '--force', ...REQUIRED], io(dir).io)).toBe(0);
    expect(readFileSync(join(dir, 'cluster.yaml'), 'utf8')).toContain('kind: Cluster');
  });

  it('without a terminal and without answers: exit 2 listing the flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    const missing = io(dir);
    expect(await run(['init'], missing.io)).toBe(2);
    expect(missing.err()).toContain('--name NAME');
    expect(missing.err()).toContain('--api-cidr CIDR');
    expect(missing.out()).toBe('');
  });

  it('--stdout prints the files and --dry-run lists them; neither writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    const printed = io(dir);
    expect(await run(['init', '--yes', '--stdout', ...REQUIRED], printed.io)).toBe(0);
    expect(printed.out()).toContain('==> cluster.yaml <==\n# A hardened kops Cluster');
    expect(printed.out()).toContain('==> ksec.answers.yaml <==');
    const listed = io(dir);
    expect(await run(['init', '--yes', '--dry-run', ...REQUIRED], listed.io)).toBe(0);
    expect(listed.out()).toMatch(/ {2}cluster\.yaml {2}\d+ bytes\n {2}kops-commands\.sh {2}\d+ bytes\n/);
    expect(() => statSync(join(dir, 'cluster.yaml'))).toThrow();
  });
});

describe('ksec init flags', () => {
  it('--no-ssh writes no SSH access; with --ssh-cidr it is a contradiction', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    const none = io(dir);
    expect(await run(['init', '--yes', '--stdout', '--no-ssh', ...REQUIRED], none.io)).toBe(0);
    expect(none.out()).toContain('  sshAccess: []\n  sshKeyName: ""\n');
    const both = io(dir);
    expect(
      await run(['init', '--yes', '--stdout', '--no-ssh', '--ssh-cidr', '10.0.0.0/8', ...REQUIRED], both.io),
    ).toBe(2);
    expect(both.err()).toBe('ksec: --ssh-cidr and --no-ssh contradict each other; give one\n');
  });

  it('repeatable and comma-separated list flags mean the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    const base = REQUIRED.slice(0, -2);
    const repeated = io(dir);
    await run(
      ['init', '--yes', '--stdout', ...base, '--api-cidr', '10.0.0.0/8', '--api-cidr', '2001:db8::/32'],
      repeated.io,
    );
    const commas = io(dir);
    await run(['init', '--yes', '--stdout', ...base, '--api-cidr', '10.0.0.0/8, 2001:db8::/32'], commas.io);
    expect(repeated.out()).toContain('  kubernetesApiAccess:\n  - 10.0.0.0/8\n  - "2001:db8::/32"\n');
    expect(commas.out()).toBe(repeated.out());
  });
});

describe('ksec init --help', () => {
  const help = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    const shown = io(dir);
    shown.io.env.COLUMNS = '100';
    expect(await run(['init', '--help'], shown.io)).toBe(0);
    return shown.out();
  };

  it('groups the flags: options, both providers, kops, GKE, advanced', async () => {
    const text = await help();
    const groups = [
      'Options:',
      'Answers for both providers:',
      'kops (AWS) answers:',
      'GKE answers:',
      'Advanced answers (hardened defaults; the wizard asks them after "change advanced settings?"):',
    ].map((group) => text.indexOf(`\n${group}\n`));
    expect(groups.every((at) => at > 0)).toBe(true);
    expect([...groups].sort((a, b) => a - b)).toEqual(groups);
    const section = (group: string) => text.slice(text.indexOf(group)).split('\n\n')[0] ?? '';
    expect(section('GKE answers:')).toContain('--machine-type');
    expect(section('kops (AWS) answers:')).toContain('--state');
    expect(section('Advanced answers')).toContain('--imds-hop-limit');
    expect(section('Answers for both providers:')).toContain('--api-cidr');
  });

  it('shows numbers as numbers, no empty default, no dangling separator, no --ssh of its own', async () => {
    const text = await help();
    const line = (flag: string) => text.split('\n').findIndex((l) => new RegExp(`^\\s+--${flag}\\s`).test(l));
    const flagText = (flag: string) => {
      const lines = text.split('\n');
      const at = line(flag);
      let end = at + 1;
      while (end < lines.length && /^ {20,}\S/.test(lines[end] ?? '')) end += 1;
      return lines.slice(at, end).join(' ');
    };
    for (const flag of ['node-count', 'num-nodes', 'audit-max-age', 'imds-hop-limit', 'control-plane-count'])
      expect(flagText(flag), flag).toContain('[number]');
    expect(text).not.toContain('[default: ]');
    expect(text).not.toMatch(/, ;|\(;|; \)|\(\)/);
    expect(text).not.toMatch(/^\s+--ssh\s/m);
    expect(flagText('ssh-cidr')).toContain('--no-ssh for none');
    expect(flagText('zone')).toContain('[default: none: a regional cluster]');
  });

  it('a number flag given text is refused by name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    const bad = io(dir);
    expect(await run(['init', '--yes', '--stdout', ...REQUIRED, '--node-count', 'three'], bad.io)).toBe(2);
    expect(bad.err()).toBe('ksec: --node-count takes a number, e.g. --node-count 2\n');
  });
});

describe('ksec init without questions', () => {
  it('never reviews or waits: --yes on a terminal, and no terminal at all', async () => {
    for (const tty of [true, false]) {
      const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
      const quiet = io(dir);
      quiet.io.stdinIsTTY = tty;
      quiet.io.stdoutIsTTY = tty;
      const args = tty ? ['init', '--yes', ...REQUIRED] : ['init', ...REQUIRED];
      expect(await run(args, quiet.io)).toBe(0);
      expect(quiet.out()).not.toContain('Review');
      expect(quiet.out()).not.toContain('ksec init writes');
      expect(quiet.out()).toMatch(/^Wrote cluster\.yaml/);
    }
  });

  it('refuses to overwrite, naming --force and --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    writeFileSync(join(dir, 'kops-commands.sh'), 'mine\n');
    const refused = io(dir);
    expect(await run(['init', '--yes', ...REQUIRED], refused.io)).toBe(2);
    expect(refused.err()).toBe(
      `ksec: refusing to overwrite existing file: ${join(dir, 'kops-commands.sh')} (use --force to replace it, or --out another directory)\n`,
    );
  });
});

describe('ksec.answers.yaml for GKE', () => {
  const gke = [
    '--provider',
    'gke',
    '--name',
    'prod',
    '--project',
    'my-project-123',
    '--api-cidr',
    '203.0.113.0/24',
  ];

  it('reproduces the files byte for byte, regional and zonal', async () => {
    for (const location of [
      ['--region', 'europe-west1'],
      ['--zone', 'us-central1-a', '--num-nodes', '3', '--machine-type', 'n2-standard-2'],
    ]) {
      const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
      expect(await run(['init', '--yes', '--out', 'a', ...gke, ...location], io(dir).io)).toBe(0);
      const again = io(dir);
      expect(await run(['init', '--answers', 'a/ksec.answers.yaml', '--yes', '--out', 'b'], again.io)).toBe(
        0,
      );
      for (const file of ['create-cluster.sh', 'ksec.answers.yaml', 'k8s/namespaces.yaml'])
        expect(readFileSync(join(dir, 'b', file), 'utf8')).toBe(readFileSync(join(dir, 'a', file), 'utf8'));
    }
  });

  it('takes an answers file written before the region was always asked (a zone alone)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-init-'));
    writeFileSync(
      join(dir, 'old.yaml'),
      'provider: gke\nname: prod\nproject: my-project-123\nautopilot: false\nzone: us-central1-a\napiCidrs:\n  - 203.0.113.0/24\n',
    );
    const printed = io(dir);
    expect(await run(['init', '--answers', 'old.yaml', '--yes', '--stdout'], printed.io)).toBe(0);
    expect(printed.out()).toContain('LOCATION=us-central1-a\n');
    expect(printed.out()).toContain('region: us-central1\nzone: us-central1-a\n');
  });
});
