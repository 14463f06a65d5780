import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { formatReport } from '../../src/report/index.ts';
import { weakAutopilotCluster, weakStandardCluster } from '../helpers/gke-clusters.ts';
import { GKE_INIT_ARGS } from '../helpers/init-args.ts';
import { ksec, ROOT } from './helpers.ts';

const example = 'examples/gke-cluster.yaml';

function bashSyntaxOk(script: string): void {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-sh-'));
  const file = join(dir, 'fix.sh');
  writeFileSync(file, script);
  const check = spawnSync('bash', ['-n', file], { encoding: 'utf8' });
  expect(check.stderr).toBe('');
  expect(check.status).toBe(0);
}

describe('ksec diff on GKE clusters (built CLI)', () => {
  it('checks gcloud describe YAML and points at the lines', () => {
    const run = ksec(['diff', example, '--brief']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/HIGH\s+gke\/master-authorized-networks {2}examples\/gke-cluster\.yaml:16:5/);
    expect(run.stdout).toMatch(/MEDIUM\s+gke\/shielded-secure-boot {2}examples\/gke-cluster\.yaml:52:5/);
    expect(run.stdout).toContain('GkeCluster/demo');
  });

  it('checks gcloud describe JSON read from standard input', () => {
    const cluster = weakStandardCluster('weak', 'europe-west1');
    const run = ksec(['diff', '-', '--format', 'json'], { input: JSON.stringify(cluster, null, 2) });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const abac = report.findings.find((f: { ruleId: string }) => f.ruleId === 'gke/legacy-abac-disabled');
    const text = JSON.stringify(cluster, null, 2).split('\n');
    expect(abac).toMatchObject({ file: '<stdin>', path: 'legacyAbac.enabled', provider: 'gke' });
    expect(text[abac.line - 1]).toContain('"enabled": true');
  });

  it('prints a remediation script with --format shell', async () => {
    const run = ksec(['diff', example, '--format', 'shell']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    bashSyntaxOk(run.stdout);
    await expect(run.stdout).toMatchFileSnapshot(join(ROOT, 'snapshots', 'diff', 'gke-cluster.sh'));
  });

  it('checks a GKE init output directory without reading ksec.answers.yaml as a cluster', () => {
    // The answers file once passed for a cluster (its autopilot and networkPolicy answers share names
    // with Cluster fields) and drew 10 false findings; it is skipped and named as answers now.
    const dir = mkdtempSync(join(tmpdir(), 'ksec-gke-init-'));
    expect(ksec(['init', '--yes', ...GKE_INIT_ARGS, '--out', dir]).code).toBe(0);
    const run = ksec(['diff', '.', '--format', 'json'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.findings).toEqual([]);
    expect(report.skipped).toContainEqual(
      expect.objectContaining({
        file: 'ksec.answers.yaml',
        object: 'ksec init answers (provider: gke)',
      }),
    );
  });

  it('refuses --format shell when the input holds no GKE cluster', () => {
    const run = ksec(['diff', 'examples/kops-cluster.yaml', '--format', 'shell']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--format shell writes gcloud commands for GKE clusters');
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('says which findings a script for mixed input leaves out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-mixed-'));
    writeFileSync(join(dir, 'kops.yaml'), readFileSync(join(ROOT, 'examples', 'kops-cluster.yaml'), 'utf8'));
    writeFileSync(join(dir, 'gke.yaml'), readFileSync(join(ROOT, example), 'utf8'));
    const run = ksec(['diff', 'kops.yaml', 'gke.yaml', '--format', 'shell'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /# \d+ findings are not GKE findings \(kops\.yaml\) and are not handled here;/,
    );
    expect(run.stdout).toContain('gcloud container clusters update "$cluster"');
    bashSyntaxOk(run.stdout);
  });
});

describe('remediation scripts (snapshots)', () => {
  for (const [name, cluster] of [
    ['gke-weak-standard', weakStandardCluster('weak-standard', 'europe-west1')],
    ['gke-weak-autopilot', weakAutopilotCluster('weak-autopilot', 'us-central1')],
  ] as const) {
    it(name, async () => {
      const script = formatReport(checkText(JSON.stringify(cluster, null, 2), `${name}.json`), 'shell');
      bashSyntaxOk(script);
      await expect(script).toMatchFileSnapshot(join(ROOT, 'snapshots', 'diff', `${name}.sh`));
    });
  }

  it('quotes every value taken from the input', () => {
    const cluster = {
      ...weakStandardCluster("it's; rm -rf ~", 'europe-west1'),
      legacyAbac: { enabled: true },
    };
    const script = formatReport(checkText(JSON.stringify(cluster), 'odd.json'), 'shell');
    expect(script).toContain(`cluster='it'\\''s; rm -rf ~'`);
    bashSyntaxOk(script);
  });
});

describe('remediation script inputs', () => {
  it('takes a project and location the resource does not name from the environment, per cluster', () => {
    const named = { ...weakStandardCluster('named', 'europe-west1'), legacyAbac: { enabled: true } };
    const bare: Record<string, unknown> = { ...named, name: 'bare' };
    delete bare.selfLink;
    delete bare.location;
    const script = formatReport(checkText(JSON.stringify([named, bare]), 'list.json'), 'shell');
    bashSyntaxOk(script);
    expect(script).toContain('default_project="${CLOUDSDK_CORE_PROJECT:?set CLOUDSDK_CORE_PROJECT:');
    expect(script).toContain('default_location="${GKE_LOCATION:?set GKE_LOCATION:');
    const bareBlock = script.slice(script.indexOf('GkeCluster/bare'));
    expect(bareBlock).toContain('project="$default_project"');
    expect(bareBlock).toContain('location="$default_location"');
    const namedBlock = script.slice(script.indexOf('GkeCluster/named'), script.indexOf('GkeCluster/bare'));
    expect(namedBlock).toContain('project=ksec-oracle');
  });
});
