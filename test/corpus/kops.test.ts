// The kops corpus tier: real manifests from kops' own integration tests. For every file of corpus/kops,
// whether each of the six required rules fires must follow from what TRUTH.tsv records the file sets
// (the truth table is literal, no kops defaulting applied). corpus/kops-extra has no truth table: there
// every file must be recognised without errors, and each v1alpha2/v1alpha3 conversion pair (the same
// cluster written in both versions) must get the same findings from the version-aware rules.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { corpusDir, readTsv } from './corpus-root.ts';

const REQUIRED = [
  'kops/api-access-restricted',
  'kops/ssh-access-restricted',
  'kops/kubelet-anonymous-auth-disabled',
  'kops/rbac-authorization',
  'kops/network-policy-capable',
  'kops/audit-logging-enabled',
] as const;

type Truth = Record<string, string>;

const list = (cell: string | undefined) =>
  cell === undefined || cell === 'ABSENT' || cell === '' ? [] : cell.split(';');
const perGroup = (cell: string | undefined) =>
  (cell ?? '')
    .split(',')
    .filter(Boolean)
    .map((entry) => entry.slice(entry.indexOf('=') + 1));

/**
 * The truth table marks kindnet "conditional(kindnet.networkPolicies=…)", after a fact sheet that took
 * the flag for an opt-in. kindnetd enforces NetworkPolicy unless --network-policy=false, and kops passes
 * the flag only when the field is set (kops v1.36.2 networking.kindnet/k8s-1.32.yaml.template:116-118;
 * kindnet v1.0.0 cmd/kindnetd/main.go:105): only an explicit false turns enforcement off.
 */
function kindnetEnforces(row: Truth): boolean {
  const match = /^conditional\(kindnet\.networkPolicies=(.*)\)$/.exec(row.networkPolicy_enforced ?? '');
  return match !== null && match[1] !== 'false';
}

/** What the truth table says each required rule must do for a file. */
export function expectedFromTruth(row: Truth): Record<(typeof REQUIRED)[number], boolean> {
  const api = list(row.kubernetesApiAccess);
  const ssh = list(row.sshAccess);
  return {
    'kops/api-access-restricted':
      api.length === 0 || row['apiAccess_has_0.0.0.0/0'] === 'yes' || row['apiAccess_has_::/0'] === 'yes',
    'kops/ssh-access-restricted': ssh.includes('0.0.0.0/0') || ssh.includes('::/0'),
    'kops/kubelet-anonymous-auth-disabled':
      row['kubelet.anonymousAuth'] !== 'false' ||
      row['masterKubelet.anonymousAuth'] === 'true' ||
      perGroup(row['ig_kubelet.anonymousAuth']).includes('true'),
    'kops/rbac-authorization': row.authorization !== 'rbac',
    'kops/network-policy-capable': row.networkPolicy_enforced !== 'yes' && !kindnetEnforces(row),
    // A webhook backend is a backend too (kops docs/cluster_spec.md, "Audit Webhook Backend").
    'kops/audit-logging-enabled':
      (row['kubeAPIServer.auditLogPath'] === 'ABSENT' &&
        row['kubeAPIServer.auditWebhookConfigFile'] === 'ABSENT') ||
      row['kubeAPIServer.auditPolicyFile'] === 'ABSENT' ||
      row['fileAssets(name:path:roles)'] === 'ABSENT',
  };
}

const kopsDir = corpusDir('kops');
const extraDir = corpusDir('kops-extra');

describe.runIf(kopsDir)('kops corpus (TRUTH.tsv)', () => {
  const dir = kopsDir ?? '';
  const truth = readTsv(readFileSync(join(dir, 'TRUTH.tsv'), 'utf8'));
  const manifests = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

  it('has a truth row for every manifest and a manifest for every row', () => {
    expect(truth.map((r) => r.file).sort()).toEqual(manifests.sort());
  });

  for (const row of truth) {
    it(row.file ?? '', () => {
      const text = readFileSync(join(dir, row.file ?? ''), 'utf8');
      const result = checkText(text, row.file);
      expect(result.errors).toEqual([]);
      const fired = new Set(result.findings.map((f) => f.ruleId));
      const expected = expectedFromTruth(row);
      const actual = Object.fromEntries(REQUIRED.map((id) => [id, fired.has(id)]));
      expect(actual).toEqual(expected);
      // The world-open API finding is high and points into the list, never at the parent.
      if (row['apiAccess_has_0.0.0.0/0'] === 'yes') {
        const api = result.findings.find(
          (f) => f.ruleId === 'kops/api-access-restricted' && f.severity === 'high',
        );
        expect(api?.path).toMatch(/^spec\.(kubernetesApiAccess|api\.access)\[\d+\]$/);
      }
      // alwaysAllow is critical.
      if (row.authorization === 'alwaysAllow') {
        expect(result.findings.find((f) => f.ruleId === 'kops/rbac-authorization')?.severity).toBe(
          'critical',
        );
      }
    });
  }
});

describe.runIf(extraDir)('kops-extra corpus', () => {
  const dir = extraDir ?? '';
  const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));

  for (const file of files) {
    it(`${file} is recognised and checked without errors`, () => {
      const result = checkText(readFileSync(join(dir, file), 'utf8'), file);
      expect(result.errors).toEqual([]);
      expect(result.checked.some((c) => c.object.startsWith('Cluster'))).toBe(true);
    });
  }

  const pairs = files
    .filter((f) => f.endsWith('__v1alpha3.yaml'))
    .map((v3) => [v3.replace('__v1alpha3.yaml', '__v1alpha2.yaml'), v3] as const)
    .filter(([v2]) => files.includes(v2));

  it('has v1alpha2/v1alpha3 conversion pairs to compare', () => {
    expect(pairs.length).toBeGreaterThan(0);
  });

  for (const [v2, v3] of pairs) {
    it(`${v2} and ${v3} get the same findings`, () => {
      const summary = (file: string) =>
        checkText(readFileSync(join(dir, file), 'utf8'), file)
          .findings.filter((f) => f.object.startsWith('Cluster'))
          .map((f) => `${f.ruleId} ${f.severity}`)
          .sort();
      expect(summary(v3)).toEqual(summary(v2));
    });
  }
});
