import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GKE_INIT_ARGS, KOPS_INIT_ARGS } from '../helpers/init-args.ts';
import { ksec } from './helpers.ts';

const PRIVILEGED = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: registry.example.com/web:1.0
      - name: sidecar
        image: registry.example.com/proxy:2.0
        securityContext:
          privileged: true
`;

describe('ksec diff on workloads (built CLI)', () => {
  it('explains the shipped example deployment', () => {
    const run = ksec(['diff', 'examples/deployment.yaml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('container "metrics" runs privileged');
    expect(run.stdout).toContain(
      'container "shop" reads a Secret into the environment variable DATABASE_PASSWORD',
    );
    expect(run.stdout).toContain('container "shop" uses the latest tag: example/shop:latest');
    expect(run.stdout).toMatch(/-33 {2}Deployment\/shop/);
    expect(run.stderr).toBe('');
  });

  it('names the container in the path and prints the score', () => {
    const run = ksec(['diff', '-', '--brief', '--rule', 'workload/privileged-disabled'], {
      input: PRIVILEGED,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      // --brief: one line per finding.
      /^ {2}CRITICAL workload\/privileged-disabled {2}<stdin>:20:11 {2}Deployment\/web {2}spec\.template\.spec\.containers\[1\]\.securityContext\.privileged: container "sidecar" runs privileged/m,
    );
    expect(run.stdout).toMatch(
      /workload scores \(kubesec points, higher is better\):\n\s+-30 {2}Deployment\/web/,
    );
  });

  it('puts score and scoring in checked[] of the JSON report, version 1', () => {
    const run = ksec(['diff', '-', '--format', 'json'], { input: PRIVILEGED });
    const report = JSON.parse(run.stdout);
    expect(report.version).toBe(1);
    expect(report.checked).toEqual([
      {
        file: '<stdin>',
        document: 0,
        object: 'Deployment/web',
        provider: 'workload',
        score: -30,
        scoring: { critical: [{ id: 'Privileged', points: -30 }], passed: [] },
      },
    ]);
  });

  it('applies --fix to privileged and allowPrivilegeEscalation, keeping the rest', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
    writeFileSync(join(dir, 'web.yaml'), PRIVILEGED);
    const fixed = ksec(
      [
        'diff',
        'web.yaml',
        '--fix',
        '--rule',
        'workload/privileged-disabled',
        '--rule',
        'workload/allow-privilege-escalation-disabled',
      ],
      { cwd: dir },
    );
    expect(fixed.stderr).toBe('ksec: fixed 3 findings in web.yaml\n');
    const again = ksec(
      [
        'diff',
        'web.yaml',
        '--rule',
        'workload/privileged-disabled',
        '--rule',
        'workload/allow-privilege-escalation-disabled',
      ],
      { cwd: dir },
    );
    expect(again.code).toBe(0);
    const text = readFileSync(join(dir, 'web.yaml'), 'utf8');
    expect(text).toContain('          privileged: false\n');
    expect(text).toContain('        image: registry.example.com/proxy:2.0\n');
    expect(text.match(/allowPrivilegeEscalation: false/g)).toHaveLength(2);
  });
});

describe('ksec init writes k8s/ that ksec diff passes (built CLI)', () => {
  for (const provider of [['--provider', 'kops', ...KOPS_INIT_ARGS], GKE_INIT_ARGS]) {
    it(`${provider[1]}: --yes with no namespaces writes one namespace and diff reports nothing`, () => {
      const dir = mkdtempSync(join(tmpdir(), 'ksec-e2e-'));
      const init = ksec(['init', '--yes', '--out', 'out', ...provider], { cwd: dir });
      expect(init.stderr).toBe('');
      expect(init.code).toBe(0);
      expect(init.stdout).toContain('k8s/namespaces.yaml');
      const diff = ksec(['diff', 'out/k8s', '--format', 'json'], { cwd: dir });
      expect(diff.code).toBe(0);
      const report = JSON.parse(diff.stdout);
      expect(report.findings).toEqual([]);
      expect(report.errors).toEqual([]);
      const example = report.checked.find((c: { object: string }) => c.object === 'Deployment/example');
      expect(example.score).toBeGreaterThanOrEqual(9);
    });
  }
});
