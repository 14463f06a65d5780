import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ksec, ROOT } from './helpers.ts';

const example = 'examples/kops-cluster.yaml';

describe('ksec diff (built CLI)', () => {
  it('reports the world-open API and SSH and the missing audit log of the shipped example', () => {
    const run = ksec(['diff', example]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/HIGH\s+kops\/api-access-restricted {2}examples\/kops-cluster\.yaml:\d+:5/);
    expect(run.stdout).toContain(
      'spec.kubernetesApiAccess[0]: the Kubernetes API is open to the whole internet (0.0.0.0/0)',
    );
    expect(run.stdout).toContain(
      'spec.kubernetesApiAccess[1]: the Kubernetes API is open to the whole internet (::/0)',
    );
    expect(run.stdout).toContain('kops/ssh-access-restricted');
    expect(run.stdout).toContain('kops/audit-logging-enabled');
    expect(run.stdout).toMatch(
      /^\d+ findings, \d+ at or above low: exit 1 \(.*high.* in 1 file, 3 documents\)$/m,
    );
    expect(run.stderr).toBe('');
  });

  it('prints the versioned JSON report', () => {
    const run = ksec(['diff', example, '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    expect(report.version).toBe(1);
    expect(report.summary.files).toBe(1);
    expect(report.summary.documents).toBe(3);
    const api = report.findings.find((f: { path: string }) => f.path === 'spec.kubernetesApiAccess[0]');
    expect(api).toMatchObject({
      ruleId: 'kops/api-access-restricted',
      severity: 'high',
      provider: 'kops',
      file: example,
      document: 0,
      object: 'Cluster/demo.example.com',
      column: 5,
      fixable: false,
    });
    expect(report.errors).toEqual([]);
  });

  it('honours --fail-on', () => {
    expect(ksec(['diff', example, '--fail-on', 'critical']).code).toBe(0);
    expect(ksec(['diff', example, '--fail-on', 'high']).code).toBe(1);
    expect(ksec(['diff', example, '--fail-on', 'none']).code).toBe(0);
  });

  it('reads standard input with -', () => {
    const run = ksec(['diff', '-', '--format', 'json'], { input: readFileSync(join(ROOT, example), 'utf8') });
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings[0].file).toBe('<stdin>');
  });

  it('names file, line and column of malformed YAML and still checks the other documents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    const text = `${readFileSync(join(ROOT, example), 'utf8')}---\napiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata: {name: broken\nspec: [\n`;
    writeFileSync(join(dir, 'broken.yaml'), text);
    const run = ksec(['diff', 'broken.yaml', '--format', 'json'], { cwd: dir });
    expect(run.code).toBe(2);
    const report = JSON.parse(run.stdout);
    expect(report.errors[0]).toMatchObject({ file: 'broken.yaml' });
    expect(report.errors[0].line).toBeGreaterThan(90);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(run.stderr).toMatch(/^ksec: broken\.yaml:\d+:\d+: error: /m);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
    // The text summary never reads as a clean result when part of the input could not be read.
    const textRun = ksec(['diff', 'broken.yaml'], { cwd: dir });
    expect(textRun.stdout.trimEnd().split('\n').at(-1)).toMatch(
      /^\d+ input errors? \(on stderr\), \d+ findings: exit 2 \(.* in 1 file, \d+ documents\)$/,
    );
  });

  it('says what it accepts when a file holds nothing it checks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    writeFileSync(join(dir, 'config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    const run = ksec(['diff', 'config.yaml'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'config.yaml:1:1: error: nothing ksec checks in this file (found: ConfigMap/x)',
    );
    expect(run.stderr).toContain('kops Cluster and InstanceGroup manifests');
    expect(run.stderr).toContain('Kubernetes workloads (Pod, Deployment');
  });

  it('reports an unknown kops kind as skipped, not as an error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    const text = `${readFileSync(join(ROOT, example), 'utf8')}---\napiVersion: kops.k8s.io/v1alpha2\nkind: SSHCredential\nmetadata:\n  name: admin\n`;
    writeFileSync(join(dir, 'all.yaml'), text);
    const run = ksec(['diff', 'all.yaml'], { cwd: dir });
    expect(run.code).toBe(1);
    // One line counts the skipped documents by kind; --show-skipped lists each with the reason.
    expect(run.stdout).toContain(
      '1 document skipped, not checked by ksec: 1 SSHCredential (--show-skipped lists them)',
    );
    expect(ksec(['diff', 'all.yaml', '--show-skipped'], { cwd: dir }).stdout).toContain(
      'skipped all.yaml (document 3): SSHCredential/admin: kops kind SSHCredential is not checked',
    );
  });

  it('walks directories, skipping .git and node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    mkdirSync(join(dir, 'clusters', 'node_modules'), { recursive: true });
    mkdirSync(join(dir, '.git'));
    cpSync(join(ROOT, example), join(dir, 'clusters', 'a.yaml'));
    cpSync(join(ROOT, example), join(dir, 'clusters', 'node_modules', 'b.yaml'));
    cpSync(join(ROOT, example), join(dir, '.git', 'c.yml'));
    writeFileSync(join(dir, 'clusters', 'notes.txt'), 'not yaml');
    const run = ksec(['diff', '.', '--format', 'json'], { cwd: dir });
    const report = JSON.parse(run.stdout);
    expect(report.summary.files).toBe(1);
    expect(new Set(report.findings.map((f: { file: string }) => f.file))).toEqual(
      new Set([join('clusters', 'a.yaml')]),
    );
  });

  it('reads JSON specs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    const spec = {
      apiVersion: 'kops.k8s.io/v1alpha2',
      kind: 'Cluster',
      metadata: { name: 'j.example.com' },
      spec: { kubernetesApiAccess: ['0.0.0.0/0'] },
    };
    writeFileSync(join(dir, 'cluster.json'), JSON.stringify(spec, null, 2));
    const run = ksec(['diff', 'cluster.json', '--format', 'json'], { cwd: dir });
    const api = JSON.parse(run.stdout).findings.find(
      (f: { ruleId: string }) => f.ruleId === 'kops/api-access-restricted',
    );
    expect(api).toMatchObject({ path: 'spec.kubernetesApiAccess[0]', line: 9, column: 7 });
  });

  it('fixes what it can in place, keeping comments', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    writeFileSync(
      join(dir, 'c.yaml'),
      '# prod cluster\napiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: c.example.com\nspec:\n  authorization:\n    alwaysAllow: {} # legacy\n  kubelet:\n    anonymousAuth: true # TODO\n',
    );
    const run = ksec(
      [
        'diff',
        'c.yaml',
        '--fix',
        '--rule',
        'kops/rbac-authorization',
        '--rule',
        'kops/kubelet-anonymous-auth-disabled',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('fixed 2 findings in c.yaml');
    const fixed = readFileSync(join(dir, 'c.yaml'), 'utf8');
    expect(fixed).toContain('# prod cluster');
    expect(fixed).toContain('anonymousAuth: false # TODO');
    expect(fixed).toContain('rbac: {}');
    expect(fixed).not.toContain('alwaysAllow');
  });

  it('writes the patch of --fix --dry-run to --output, and git apply takes it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    const original =
      'apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: c.example.com\nspec:\n  kubelet:\n    anonymousAuth: true # TODO\n';
    writeFileSync(join(dir, 'c.yaml'), original);
    const rule = ['--rule', 'kops/kubelet-anonymous-auth-disabled'];
    const run = ksec(['diff', 'c.yaml', '--fix', '--dry-run', '--output', 'fix.patch', ...rule], {
      cwd: dir,
    });
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('ksec: wrote the patch to fix.patch');
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toBe(original);
    const applied = spawnSync('git', ['apply', 'fix.patch'], { cwd: dir, encoding: 'utf8' });
    expect(applied.status, applied.stderr).toBe(0);
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toContain('anonymousAuth: false # TODO');
    expect(ksec(['diff', 'c.yaml', ...rule], { cwd: dir }).code).toBe(0);
  });

  it('says when --fix has nothing it can fix, and that standard input is never rewritten', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    const original = readFileSync(join(ROOT, example), 'utf8');
    writeFileSync(join(dir, 'c.yaml'), original);
    const run = ksec(['diff', 'c.yaml', '--fix', '--brief'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('nothing to fix automatically');
    expect(readFileSync(join(dir, 'c.yaml'), 'utf8')).toBe(original);
    const piped = ksec(['diff', '-', '--fix', '--brief'], { cwd: dir, input: original });
    expect(piped.code).toBe(1);
    expect(piped.stderr).toBe('ksec: --fix writes files in place; standard input is checked but not fixed\n');
  });

  it('exits 2 with a clear message for a missing file, an unknown flag and an unknown command', () => {
    const missing = ksec(['diff', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.yaml: error: no such file or directory');
    const flag = ksec(['diff', example, '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Unknown argument: bogus');
    const command = ksec(['dif', example]);
    expect(command.code).toBe(2);
    expect(command.stderr).toMatch(/Did you mean diff\?|Unknown argument/);
  });
});

describe('ksec diff --baseline (built CLI)', () => {
  it('fails only on findings the baseline did not have', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    const original = readFileSync(join(ROOT, example), 'utf8');
    writeFileSync(join(dir, 'old.yaml'), original);
    writeFileSync(join(dir, 'new.yaml'), original.replace('anonymousAuth: false', 'anonymousAuth: true'));
    const same = ksec(['diff', 'old.yaml', '--baseline', 'old.yaml'], { cwd: dir });
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('No regressions');
    const worse = ksec(['diff', 'new.yaml', '--baseline', 'old.yaml'], { cwd: dir });
    expect(worse.code).toBe(1);
    expect(worse.stdout).toContain('Regressions: 1 new finding compared with the baseline');
    expect(worse.stdout).toContain(
      '~ Cluster/demo.example.com spec.kubelet.anonymousAuth: false -> true  (kops/kubelet-anonymous-auth-disabled)',
    );
    const json = JSON.parse(
      ksec(['diff', 'new.yaml', '--baseline', 'old.yaml', '--format', 'json'], { cwd: dir }).stdout,
    );
    expect(json.baseline.introduced).toHaveLength(1);
    expect(json.baseline.introduced[0].ruleId).toBe('kops/kubelet-anonymous-auth-disabled');
  });
});

describe('ksec diff into a closed pipe', () => {
  it('stops quietly when the reader goes away (ksec diff … | head)', () => {
    const run = spawnSync(
      'bash',
      ['-c', `node ${JSON.stringify(BIN)} diff examples/kops-cluster.yaml --format sarif | head -1`],
      {
        cwd: ROOT,
        encoding: 'utf8',
      },
    );
    expect(run.stdout).toBe('{\n');
    expect(run.stderr).toBe('');
  });
});
