// --fix edits the user's own files: whatever it does not need to change must stay byte for byte.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkText } from '../../src/engine/check.ts';
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

  it('inserts a missing key beside its siblings and changes nothing else', () => {
    // allowPrivilegeEscalation is a new key: one line is inserted, the rest stays as written.
    const text = deployment('true');
    const out = fix(text);
    expect(out.applied.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining([
        'workload/privileged-disabled',
        'workload/allow-privilege-escalation-disabled',
      ]),
    );
    expect(out.skipped).toEqual([]);
    const inserted = out.text.split('\n').filter((line) => !text.split('\n').includes(line));
    expect(inserted).toContain('            allowPrivilegeEscalation: false');
    expect(out.text).toContain('            privileged: false    # set by the chart');
    expect(out.text).toContain('# Managed by the platform team.\n');
    expect(out.text).toContain('annotations: { team: "web", tier: \'frontend\' }');
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
    expect(fixedCluster).toContain('anonymousAuth: false   # TODO');
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

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;
const container = '  containers:\n  - name: app\n    image: app:1.0\n';

/** Every fixable finding of a text, fixed; with the file's value before and after. */
function fixAll(text: string, file = 'p.yaml') {
  const findings = checkText(text, file).findings;
  const out = applyFixes(text, file, findings);
  return { out, findings, after: checkText(out.text, file) };
}

describe('--fix never damages a file', () => {
  it.each([
    [
      'a kubelet that is a number',
      'apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata: {name: c.example.com}\nspec:\n  authorization: {rbac: {}}\n  kubelet: 5\n',
      'spec.kubelet',
    ],
    [
      'a spec that is a list',
      'apiVersion: kops.k8s.io/v1alpha2\nkind: InstanceGroup\nmetadata: {name: nodes}\nspec: [x]\n',
      'spec',
    ],
    ['a securityContext that is a list', pod(`${container}    securityContext: [x]\n`), 'securityContext'],
    [
      'a securityContext that is a string',
      pod(`${container}    securityContext: privileged\n`),
      'securityContext',
    ],
  ])(
    'skips, with the reason, a fix that does not fit %s, and leaves the file as it was',
    (_name, text, through) => {
      const findings = checkText(text, 'x.yaml').findings.filter(
        (f) => f.autoFix && f.path.includes(through),
      );
      const out = applyFixes(text, 'x.yaml', findings);
      expect(out.text).toBe(text);
      expect(out.applied).toEqual([]);
      expect(out.skipped.length).toBe(findings.length);
      for (const { reason } of out.skipped)
        expect(reason).toMatch(/is (the scalar|a list).*, not a mapping or list/);
    },
  );

  it('never edits through an alias or a merge: the value is written elsewhere', () => {
    const anchored = pod(
      `  containers:\n  - &app\n    name: app\n    image: app:1.0\n    securityContext: {privileged: true}\n  initContainers:\n  - *app\n`,
    );
    const merged = pod(
      `  containers:\n  - <<: {securityContext: {privileged: true}}\n    name: app\n    image: app:1.0\n`,
    );
    for (const text of [anchored, merged]) {
      const { out } = fixAll(text);
      const privileged = out.skipped.filter((s) => s.finding.ruleId === 'workload/privileged-disabled');
      if (text === merged) {
        expect(privileged.map((s) => s.reason)).toEqual([
          'spec.containers[0].securityContext comes from a merge (<<): change it in the merged mapping',
        ]);
        expect(out.text).toContain('- <<: {securityContext: {privileged: true}}');
      } else {
        expect(privileged.map((s) => s.reason).sort()).toEqual([
          'spec.containers[0] is the anchor &app, which an alias copies elsewhere: editing it would change every copy, so change it by hand',
          'spec.initContainers[0] is an alias (*app): change the anchored value, or write it out',
        ]);
        expect(out.text).toBe(text);
      }
      // Whatever was fixed, the file still reads, and what kubectl would see changed only where fixed.
      expect(checkText(out.text, 'p.yaml').errors).toEqual([]);
    }
  });

  it('keeps CRLF on every line, a BOM, tags and number text', () => {
    const text =
      `\ufeff${pod(`  replicas: !!int "1"\n  flag: !!bool "yes"\n  big: 12345678901234567890\n  ratio: 1.0\n${container}`)}`.replaceAll(
        '\n',
        '\r\n',
      );
    const { out, after } = fixAll(text);
    expect(out.applied.length).toBeGreaterThan(0);
    expect(after.errors).toEqual([]);
    expect(out.text.startsWith('\ufeff')).toBe(true);
    expect(out.text.replaceAll('\r\n', '')).not.toContain('\n');
    for (const kept of ['!!int "1"', '!!bool "yes"', '12345678901234567890', 'ratio: 1.0'])
      expect(out.text).toContain(kept);
  });

  it('fixes JSON as JSON, with its indentation and its numbers as written', () => {
    const text = `{\n    "apiVersion": "v1",\n    "kind": "Pod",\n    "metadata": {"name": "p"},\n    "spec": {\n        "activeDeadlineSeconds": 12345678901234567890, "overhead": {"r": 1.0},\n        "containers": [\n            {\n                "name": "app",\n                "image": "app:1.0",\n                "securityContext": {\n                    "privileged": true\n                }\n            }\n        ]\n    }\n}\n`;
    const { out, after } = fixAll(text, 'p.json');
    expect(after.errors).toEqual([]);
    expect(() => JSON.parse(out.text)).not.toThrow();
    expect(out.text).toContain('12345678901234567890');
    expect(out.text).toContain('"r": 1.0');
    expect(out.text).toContain('                    "privileged": false');
    expect(out.text).toMatch(/\n {20}"allowPrivilegeEscalation": false/);
  });

  it('fixes the readable documents of a file and leaves a broken one as it was', () => {
    const broken = '---\napiVersion: v1\nkind: Pod\nmetadata: {name: [\n';
    const text = `${pod(`${container}    securityContext: {privileged: true}\n`)}${broken}`;
    const { out } = fixAll(text);
    expect(out.applied.length).toBeGreaterThan(0);
    expect(out.text.endsWith(broken)).toBe(true);
  });

  it('after --fix, the file reads as the original object with only the fixed paths changed', () => {
    const boolText = fc.constantFrom('true', 'yes', 'on', '"true"', 'false', '~', '');
    const layout = fc.record({
      crlf: fc.boolean(),
      flow: fc.boolean(),
      privileged: boolText,
      escalation: fc.option(boolText, { nil: undefined }),
      comment: fc.constantFrom('', '  # keep me'),
    });
    fc.assert(
      fc.property(layout, ({ crlf, flow, privileged, escalation, comment }) => {
        const fields = [
          `privileged: ${privileged}`,
          ...(escalation === undefined ? [] : [`allowPrivilegeEscalation: ${escalation}`]),
        ];
        const context = flow
          ? `    securityContext: {${fields.join(', ')}}${comment}\n`
          : `    securityContext:${comment}\n${fields.map((f) => `      ${f}\n`).join('')}`;
        let text = pod(`${container}${context}`);
        if (crlf) text = text.replaceAll('\n', '\r\n');
        const before = checkText(text, 'p.yaml');
        // A quoted "true" is a string where the API wants a boolean: an input error, nothing to fix.
        fc.pre(before.errors.length === 0);
        const { out, findings, after } = fixAll(text);
        expect(after.errors).toEqual([]);
        // The expected object: the original with each applied fix set.
        const expected = structuredClone(before.subjects[0]?.value) as Record<string, unknown>;
        for (const finding of out.applied) {
          const fixOf = finding.autoFix;
          if (!fixOf || !('set' in fixOf.fix)) continue;
          let node = expected as Record<string | number, unknown>;
          const path = fixOf.path;
          for (const segment of path.slice(0, -1)) {
            if (node[segment] === null || node[segment] === undefined) node[segment] = {};
            node = node[segment] as Record<string | number, unknown>;
          }
          node[path.at(-1) as string] = fixOf.fix.set;
        }
        expect(JSON.parse(JSON.stringify(after.subjects[0]?.value))).toEqual(
          JSON.parse(JSON.stringify(expected)),
        );
        expect(findings.filter((f) => f.fixable).length).toBe(out.applied.length + out.skipped.length);
        if (crlf) expect(out.text.replaceAll('\r\n', '')).not.toContain('\n');
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
