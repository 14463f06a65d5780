import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { compareResults } from '../../src/engine/regressions.ts';
import { catalog } from '../../src/rules/index.ts';

const cluster = (body: string) =>
  `apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: r.example.com\nspec:\n${body}`;

const before = cluster(
  '  kubernetesApiAccess:\n  - 203.0.113.0/24\n  kubelet:\n    anonymousAuth: false\n  authorization:\n    alwaysAllow: {}\n  channel: stable\n',
);
const after = cluster(
  '  kubernetesApiAccess:\n  - 203.0.113.0/24\n  - 0.0.0.0/0\n  authorization:\n    rbac: {}\n  channel: alpha\n',
);

describe('compareResults', () => {
  const report = compareResults(checkText(before, 'cluster.yaml'), checkText(after, 'cluster.yaml'), catalog);

  it('lists the findings the new version introduces', () => {
    expect(report.introduced.map((f) => `${f.ruleId} ${f.path}`).sort()).toEqual([
      'kops/api-access-restricted spec.kubernetesApiAccess[1]',
      'kops/kubelet-anonymous-auth-disabled spec.kubelet.anonymousAuth',
    ]);
  });

  it('lists the findings it resolves', () => {
    expect(report.resolved.map((f) => f.ruleId)).toEqual(['kops/rbac-authorization']);
  });

  it('reports only the changes at paths some rule reads, in path order', () => {
    expect(report.changes.map((c) => `${c.change} ${c.path}`)).toEqual([
      'removed spec.authorization.alwaysAllow',
      'added spec.authorization.rbac',
      'removed spec.kubelet',
      'added spec.kubernetesApiAccess[1]',
    ]);
    expect(report.changes.find((c) => c.path === 'spec.kubernetesApiAccess[1]')).toMatchObject({
      after: '0.0.0.0/0',
      ruleIds: ['kops/api-access-restricted'],
    });
  });

  it('matches findings on their identity, not their message or list position', () => {
    const baseline = checkText(before, 'cluster.yaml');
    // The same findings, worded differently (a reworded message in a later ksec release).
    const reworded = {
      ...baseline,
      findings: baseline.findings.map((f) => ({ ...f, message: `reworded: ${f.message}` })),
    };
    expect(compareResults(baseline, reworded, catalog)).toMatchObject({ introduced: [], resolved: [] });
    // A CIDR added above the open one does not make the finding on it new.
    const open = checkText(cluster('  kubernetesApiAccess:\n  - 0.0.0.0/0\n'), 'cluster.yaml');
    const openBelow = checkText(
      cluster('  kubernetesApiAccess:\n  - 198.51.100.0/24\n  - 0.0.0.0/0\n'),
      'cluster.yaml',
    );
    for (const result of [open, openBelow])
      expect(result.findings.map((f) => f.ruleId)).toContain('kops/api-access-restricted');
    const moved = compareResults(open, openBelow, catalog);
    expect(moved.introduced.filter((f) => f.ruleId === 'kops/api-access-restricted')).toEqual([]);
    expect(moved.resolved.filter((f) => f.ruleId === 'kops/api-access-restricted')).toEqual([]);
  });

  it('sees no regression between identical versions', () => {
    const same = compareResults(
      checkText(before, 'cluster.yaml'),
      checkText(before, 'cluster.yaml'),
      catalog,
    );
    expect(same).toEqual({ introduced: [], resolved: [], changes: [] });
  });
});

describe('security-relevant changes of workloads', () => {
  const deployment = (privileged: boolean, hostNetwork: boolean) => `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata:
      labels: {app: web}
      annotations: {container.apparmor.security.beta.kubernetes.io/app: ${hostNetwork ? 'unconfined' : 'runtime/default'}}
    spec:
      hostNetwork: ${hostNetwork}
      containers:
      - name: app
        image: app:1.0
        securityContext: {privileged: ${privileged}}
`;

  it('are listed as for kops: the paths under the pod template, annotations included', () => {
    const report = compareResults(
      checkText(deployment(false, false), 'web.yaml'),
      checkText(deployment(true, true), 'web.yaml'),
      catalog,
    );
    const changes = report.changes.map(
      (c) => `${c.change} ${c.path}: ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`,
    );
    expect(changes).toEqual(
      expect.arrayContaining([
        'changed spec.template.spec.containers[0].securityContext.privileged: false -> true',
        'changed spec.template.spec.hostNetwork: false -> true',
        'changed spec.template.metadata.annotations["container.apparmor.security.beta.kubernetes.io/app"]: "runtime/default" -> "unconfined"',
      ]),
    );
    const privileged = report.changes.find((c) => c.path.endsWith('privileged'));
    expect(privileged?.ruleIds).toContain('workload/privileged-disabled');
  });
});

describe('the order of the changes', () => {
  const pods = (privileged: boolean) =>
    ['web', 'Web', 'api']
      .map(
        (name) =>
          `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    securityContext: {privileged: ${privileged}}\n`,
      )
      .join('---\n');

  it('is byte order of object, then path, whatever the locale', () => {
    const report = compareResults(
      checkText(pods(false), 'pods.yaml'),
      checkText(pods(true), 'pods.yaml'),
      catalog,
    );
    expect(report.changes.map((c) => c.object)).toEqual(['Pod/Web', 'Pod/api', 'Pod/web']);
  });
});
