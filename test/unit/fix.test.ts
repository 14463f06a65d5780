// --fix edits the user's own files: whatever it does not need to change must stay byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
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
});
