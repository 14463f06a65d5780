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
