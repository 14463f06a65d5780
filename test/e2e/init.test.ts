import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KOPS_INIT_ARGS } from '../helpers/init-args.ts';
import { ksec } from './helpers.ts';

const REQUIRED = KOPS_INIT_ARGS;

describe('ksec init (built CLI, no terminal)', () => {
  it('writes the files, then passes its own ksec diff', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-e2e-init-'));
    const run = ksec(['init', '--out', 'dev', ...REQUIRED], { cwd });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      'Wrote cluster.yaml, kops-commands.sh, k8s/namespaces.yaml, k8s/network-policies.yaml, k8s/rbac-definition.yaml, k8s/workload-example.yaml, ksec.answers.yaml',
    );
    expect(statSync(join(cwd, 'dev', 'kops-commands.sh')).mode & 0o111).not.toBe(0);
    const diff = ksec(['diff', 'dev/cluster.yaml'], { cwd });
    expect(diff.code, diff.stdout).toBe(0);
    const k8s = ksec(['diff', 'dev/k8s'], { cwd });
    expect(k8s.code, k8s.stdout).toBe(0);
  });

  it('without a terminal asks nothing: exit 2 and the flags that would supply the answers', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-e2e-init-'));
    const run = ksec(['init', '--name', 'dev.example.com'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ksec: missing answers (nothing is asked without a terminal or with --yes)');
    expect(run.stderr).toContain('--state s3://BUCKET');
    expect(run.stderr).toContain('--zones ZONE,…');
    expect(run.stderr).toContain('--api-cidr CIDR');
    expect(run.stderr).not.toContain('--name NAME');
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('names the file, line and column of a broken answers file, and unknown answer keys', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-e2e-init-'));
    writeFileSync(join(cwd, 'broken.yaml'), 'name: dev.example.com\nzones: [eu-west-1a\n');
    const broken = ksec(['init', '--yes', '--answers', 'broken.yaml'], { cwd });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^ksec: broken\.yaml:\d+:\d+: /);
    writeFileSync(join(cwd, 'typo.yaml'), 'name: dev.example.com\napiCidr: 203.0.113.0/24\n');
    const typo = ksec(['init', '--yes', '--answers', 'typo.yaml'], { cwd });
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe('ksec: typo.yaml: unknown answer apiCidr (did you mean apiCidrs?)\n');
    writeFileSync(join(cwd, 'far.yaml'), 'name: dev.example.com\ncolour: blue\n');
    const far = ksec(['init', '--yes', '--answers', 'far.yaml'], { cwd });
    expect(far.stderr).toMatch(/^ksec: far\.yaml: unknown answer colour \(known: provider, name, /);
    const missing = ksec(['init', '--yes', '--answers', 'nope.yaml'], { cwd });
    expect(missing.code).toBe(2);
    // One line, in words: not the raw ENOENT of the file system.
    expect(missing.stderr).toBe(
      'ksec: --answers nope.yaml: no such file or directory (ksec init writes one, ksec.answers.yaml, next to the files)\n',
    );
  });

  it('refuses a bad value with the reason, naming the flag', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-e2e-init-'));
    const run = ksec(['init', ...REQUIRED, '--ssh-cidr', '198.51.100.10/24'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'ksec: --ssh-cidr: "198.51.100.10/24" has host bits set: the network is 198.51.100.0/24 (did you mean 198.51.100.0/24?)\n',
    );
  });

  it('refuses a choice it does not offer in one line, and takes one in any case', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-e2e-init-'));
    const run = ksec(['init', ...REQUIRED, '--networking', 'flannel'], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('ksec: --networking: "flannel" is not one of: cilium, calico, canal\n');
    const count = ksec(['init', ...REQUIRED, '--control-plane-count', '2'], { cwd });
    expect(count.code).toBe(2);
    expect(count.stderr).toBe('ksec: --control-plane-count: 2 is not one of: 3, 1\n');
    const upper = ksec(['init', ...REQUIRED, '--topology', 'PUBLIC', '--stdout'], { cwd });
    expect(upper.code, upper.stderr).toBe(0);
    expect(upper.stdout).toContain('topology: public');
  });

  it('reproduces the files byte for byte from ksec.answers.yaml', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'ksec-e2e-init-'));
    expect(ksec(['init', '--out', 'a', ...REQUIRED, '--ssh-cidr', '198.51.100.0/24'], { cwd }).code).toBe(0);
    expect(ksec(['init', '--answers', 'a/ksec.answers.yaml', '--yes', '--out', 'b'], { cwd }).code).toBe(0);
    for (const file of ['cluster.yaml', 'kops-commands.sh', 'ksec.answers.yaml'])
      expect(readFileSync(join(cwd, 'b', file), 'utf8')).toBe(readFileSync(join(cwd, 'a', file), 'utf8'));
  });
});
