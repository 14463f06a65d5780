// --fix edits the user's own files: whatever it does not need to change must stay byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkText } from '../../src/engine/evaluate.ts';
import { applyFixes } from '../../src/engine/fix.ts';

function fix(text: string, file = 'spec.yaml') {
  return applyFixes(text, file, checkText(text, file).findings);
}

/** The lines of `after` that differ from `before` (same length assumed). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  return after.split('\n').filter((line, i) => line !== a[i]);
}

const deployment = (privileged: string, extra = '') => `# Managed by the platform team.
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web   # the public site
  annotations: { team: "web", tier: 'frontend' }
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: "registry.example.com/web:1.4.2"
          securityContext:
            privileged: ${privileged}    # set by the chart
            capabilities:
              drop: [ ALL ]
${extra}`;

describe('--fix keeps everything it does not need to change', () => {
  it('replaces just the scalar: quoting, flow style, spacing and comments stay as written', () => {
    const text = deployment('true');
    const privileged = checkText(text, 'd.yaml').findings.filter(
      (f) => f.ruleId === 'workload/privileged-disabled',
    );
    const out = applyFixes(text, 'd.yaml', privileged);
    expect(out.applied).toHaveLength(1);
    expect(changedLines(text, out.text)).toEqual(['            privileged: false    # set by the chart']);
  });

  it('writes a document again only for a new or replaced collection, keeping its comments', () => {
    // allowPrivilegeEscalation is a new key: the document goes through the model.
    const out = fix(deployment('true'));
    expect(out.applied.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining([
        'workload/privileged-disabled',
        'workload/allow-privilege-escalation-disabled',
      ]),
    );
    expect(out.text).toContain('# Managed by the platform team.\n');
    expect(out.text).toContain('# the public site');
    expect(out.text).toContain('privileged: false # set by the chart');
    expect(parse(out.text).spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation).toBe(
      false,
    );
  });

  it('leaves the documents it does not fix byte for byte, separators and blank lines included', () => {
    const untouched = `apiVersion: v1\nkind: ConfigMap   # not checked\nmetadata: {name: "settings"}\ndata:\n  list: [ a,  b ]\n\n`;
    const cluster = `---\n# kops\napiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: c.example.com\nspec:\n  kubelet:\n    anonymousAuth: true   # TODO\n  authorization:\n    alwaysAllow: {}\n\n`;
    const tail = `---\napiVersion: v1\nkind: Service\nmetadata:\n  name:   web\n`;
    const out = fix(untouched + cluster + tail);
    expect(out.applied.map((f) => f.ruleId).sort()).toEqual([
      'kops/kubelet-anonymous-auth-disabled',
      'kops/rbac-authorization',
    ]);
    expect(out.text.startsWith(untouched)).toBe(true);
    expect(out.text.endsWith(`\n\n${tail}`)).toBe(true);
    const fixedCluster = out.text.slice(untouched.length, out.text.length - tail.length);
    expect(fixedCluster).toContain('# kops\n');
    expect(fixedCluster).toContain('anonymousAuth: false # TODO');
    expect(parse(fixedCluster.replace(/^---\n/, '')).spec.authorization).toEqual({ rbac: {} });
  });

  it('fills an empty securityContext instead of failing on it', () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    securityContext:\n';
    const out = fix(text, 'p.yaml');
    expect(out.applied.map((f) => f.ruleId)).toContain('workload/allow-privilege-escalation-disabled');
    expect(parse(out.text).spec.containers[0].securityContext).toEqual({ allowPrivilegeEscalation: false });
  });

  it('patches JSON in place too', () => {
    const text =
      '{\n  "apiVersion": "kops.k8s.io/v1alpha2", "kind": "Cluster",\n  "metadata": {"name": "c.example.com"},\n' +
      '  "spec": {"authorization": {"rbac": {}}, "kubelet": {"anonymousAuth": true}}\n}\n';
    const out = applyFixes(text, 'c.json', checkText(text, 'c.json', {}).findings);
    expect(out.text).toBe(text.replace('"anonymousAuth": true', '"anonymousAuth": false'));
  });

  it('any scalar fix changes exactly one line, and a second run has nothing left to fix', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('true', 'True', 'TRUE'),
        fc.stringMatching(/^[a-z ]{0,20}$/),
        (privileged, comment) => {
          const text = deployment(privileged).replace('# set by the chart', `# ${comment}`);
          const scalarOnly = checkText(text, 'd.yaml').findings.filter(
            (f) => f.ruleId === 'workload/privileged-disabled',
          );
          const out = applyFixes(text, 'd.yaml', scalarOnly);
          expect(changedLines(text, out.text)).toHaveLength(1);
          const again = checkText(out.text, 'd.yaml').findings.filter(
            (f) => f.ruleId === 'workload/privileged-disabled',
          );
          expect(again).toEqual([]);
        },
      ),
    );
  });

  it('never fails on any shape of workload, and leaves nothing fixable behind', () => {
    const securityContext = fc.option(
      fc.record(
        {
          privileged: fc.option(fc.boolean(), { nil: null }),
          allowPrivilegeEscalation: fc.option(fc.boolean(), { nil: null }),
          capabilities: fc.option(fc.record({ drop: fc.subarray(['ALL', 'NET_RAW']) }), { nil: null }),
        },
        { requiredKeys: [] },
      ),
      { nil: null },
    );
    const container = fc.record({
      name: fc.constantFrom('app', 'side'),
      image: fc.constant('app:1.0'),
      securityContext,
    });
    const workload = fc.record({
      kind: fc.constantFrom('Pod', 'Deployment', 'CronJob'),
      containers: fc.array(container, { minLength: 1, maxLength: 3 }),
      initContainers: fc.option(fc.array(container, { maxLength: 2 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(workload, ({ kind, containers, initContainers }) => {
        const podSpec = { containers, ...(initContainers ? { initContainers } : {}) };
        const template = { metadata: { labels: { app: 'x' } }, spec: podSpec };
        const spec =
          kind === 'Pod'
            ? podSpec
            : kind === 'Deployment'
              ? { selector: { matchLabels: { app: 'x' } }, template }
              : { schedule: '0 * * * *', jobTemplate: { spec: { template } } };
        const apiVersion = kind === 'Pod' ? 'v1' : kind === 'Deployment' ? 'apps/v1' : 'batch/v1';
        const text = stringify({ apiVersion, kind, metadata: { name: 'w' }, spec });
        const out = fix(text, 'w.yaml');
        const after = checkText(out.text, 'w.yaml');
        expect(after.errors).toEqual([]);
        expect(after.findings.filter((f) => f.fixable)).toEqual([]);
      }),
    );
  });
});
