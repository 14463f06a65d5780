import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../src/config/load.ts';
import { checkText } from '../../src/engine/check.ts';

const spec = `apiVersion: kops.k8s.io/v1alpha2
kind: Cluster
metadata:
  name: c.example.com
spec:
  kubernetesApiAccess:
  - 0.0.0.0/0
  kubelet:
    anonymousAuth: false
  authorization:
    rbac: {}
`;

describe('ksec.config.yaml', () => {
  it('turns rules off, overrides severities and exempts objects', () => {
    const config = parseConfig(
      'rules:\n  kops/secrets-encrypted-at-rest: "off"\n  kops/api-access-restricted: low\nexemptions:\n  - rule: kops/audit-logging-enabled\n    object: Cluster/c.example.com\n    reason: logs ship through a webhook\n',
      'ksec.config.yaml',
    );
    const ids = (cfg?: typeof config) =>
      checkText(spec, 'c.yaml', cfg ? { config: cfg } : {}).findings.map((f) => `${f.ruleId}:${f.severity}`);
    expect(ids()).toContain('kops/secrets-encrypted-at-rest:medium');
    expect(ids()).toContain('kops/api-access-restricted:high');
    const configured = ids(config);
    expect(configured).not.toContain('kops/secrets-encrypted-at-rest:medium');
    expect(configured).toContain('kops/api-access-restricted:low');
    expect(configured.some((id) => id.startsWith('kops/audit-logging-enabled'))).toBe(false);
  });

  it.each([
    ['rules: [a]', 'rules must map rule ids'],
    [
      'rules:\n  kops/api-access-restricted: severe',
      'rules.kops/api-access-restricted must be one of critical, high, medium, low, off',
    ],
    [
      'rules:\n  kops/api-access: low',
      "rules: unknown rule id 'kops/api-access'. Did you mean 'kops/api-access-restricted'?",
    ],
    ['exemptions: [{rule: workload/privileged}]', "exemptions[0]: unknown rule id 'workload/privileged'"],
    [
      'exemptions: [{rule: "*", objet: Pod/a}]',
      'exemptions[0]: unknown key "objet" (accepted: rule, file, object, namespace, id, until, reason)',
    ],
    ['exemptions: [{rule: "*", file: [a]}]', 'exemptions[0].file must be a string'],
    ['failOn: sometimes', 'failOn must be one of'],
    ['colour: true', 'unknown key "colour"'],
    ['exemptions: [{file: a}]', 'exemptions must be a list'],
    ['rules: {a: [1', 'ksec.config.yaml:1:'],
  ])('refuses %j with a clear reason', (text, reason) => {
    expect(() => parseConfig(text, 'ksec.config.yaml')).toThrow(reason);
  });

  it('exempts the workloads of one namespace', () => {
    const pods = ['kube-system', 'shop']
      .map((namespace) =>
        [
          'apiVersion: v1',
          'kind: Pod',
          'metadata:',
          '  name: agent',
          `  namespace: ${namespace}`,
          'spec:',
          '  hostNetwork: true',
          '  containers:',
          '  - name: agent',
          '    image: agent:1.0',
        ].join('\n'),
      )
      .join('\n---\n');
    const config = parseConfig(
      'exemptions:\n  - rule: workload/host-namespaces-not-shared\n    namespace: kube-system\n    reason: node agents\n',
      'ksec.config.yaml',
    );
    const flagged = checkText(pods, 'pods.yaml', { config })
      .findings.filter((f) => f.ruleId === 'workload/host-namespaces-not-shared')
      .map((f) => f.namespace);
    expect(flagged).toEqual(['shop']);
  });

  it('is optional unless named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-config-'));
    await expect(loadConfig(dir)).resolves.toBeUndefined();
    await expect(loadConfig(dir, 'missing.yaml')).rejects.toThrow('cannot read config missing.yaml');
    writeFileSync(join(dir, 'ksec.config.yaml'), 'failOn: high\n');
    await expect(loadConfig(dir)).resolves.toEqual({ failOn: 'high' });
  });
});
