// The workload provider (kinds, pod spec location, List items), the kubesec-comparable score and the
// ksec.io/ignore annotation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkText } from '../../../src/engine/check.ts';
import { formatJson } from '../../../src/report/json.ts';

const hardenedPodSpec = {
  serviceAccountName: 'web',
  automountServiceAccountToken: false,
  securityContext: {
    runAsNonRoot: true,
    runAsUser: 10001,
    runAsGroup: 10001,
    seccompProfile: { type: 'RuntimeDefault' },
  },
  containers: [
    {
      name: 'web',
      image: 'registry.example.com/web:1.4.2',
      securityContext: {
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
        capabilities: { drop: ['ALL'] },
      },
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    },
  ],
};

const template = { metadata: { labels: { app: 'web' } }, spec: hardenedPodSpec };
const selector = { matchLabels: { app: 'web' } };

const web = (apiVersion: string, kind: string, spec: unknown) => ({
  apiVersion,
  kind,
  metadata: { name: 'web' },
  spec,
});

const objects: Record<string, unknown> = {
  Pod: web('v1', 'Pod', hardenedPodSpec),
  Deployment: web('apps/v1', 'Deployment', { selector, template }),
  StatefulSet: web('apps/v1', 'StatefulSet', { serviceName: 'web', selector, template }),
  DaemonSet: web('apps/v1', 'DaemonSet', { selector, template }),
  ReplicaSet: web('apps/v1', 'ReplicaSet', { selector, template }),
  ReplicationController: web('v1', 'ReplicationController', { template }),
  Job: web('batch/v1', 'Job', { template }),
  CronJob: web('batch/v1', 'CronJob', { schedule: '0 3 * * *', jobTemplate: { spec: { template } } }),
};

describe('workload provider', () => {
  for (const [kind, object] of Object.entries(objects)) {
    it(`checks a hardened ${kind} without findings and scores it`, () => {
      const result = checkText(stringify(object), `${kind}.yaml`);
      expect(result.errors).toEqual([]);
      expect(result.findings).toEqual([]);
      expect(result.checked).toHaveLength(1);
      expect(result.checked[0]?.object).toBe(`${kind}/web`);
      // kubesec's coverage: every rule for Pod, Deployment, StatefulSet (plus two volume-claim points when
      // it has no volumeClaimTemplates) and DaemonSet; only secrets in env for ReplicaSet, Job and CronJob;
      // no score for ReplicationController.
      const expected: Record<string, number | undefined> = {
        Pod: 15,
        Deployment: 15,
        StatefulSet: 17,
        DaemonSet: 15,
        ReplicaSet: 0,
        Job: 0,
        CronJob: 0,
        ReplicationController: undefined,
      };
      expect(result.checked[0]?.score).toBe(expected[kind]);
    });
  }

  it('finds the pod spec of a CronJob and names the container in the path', () => {
    const cronJob = structuredClone(objects.CronJob) as {
      spec: { jobTemplate: { spec: { template: typeof template } } };
    };
    const container = cronJob.spec.jobTemplate.spec.template.spec.containers[0];
    if (container) container.securityContext = { ...container.securityContext, privileged: true } as never;
    const result = checkText(stringify(cronJob), 'cron.yaml');
    expect(result.findings.map((f) => [f.ruleId, f.path])).toContainEqual([
      'workload/privileged-disabled',
      'spec.jobTemplate.spec.template.spec.containers[0].securityContext.privileged',
    ]);
    // kubesec scores a CronJob on secrets in the environment only; the finding is what flags it.
    expect(result.checked[0]?.score).toBe(0);
  });

  it('scores a CronJob that reads a Secret into its environment like kubesec: -5', () => {
    const cronJob = structuredClone(objects.CronJob) as {
      spec: { jobTemplate: { spec: { template: typeof template } } };
    };
    const container = cronJob.spec.jobTemplate.spec.template.spec.containers[0];
    if (container) Object.assign(container, { envFrom: [{ secretRef: { name: 'db' } }] });
    expect(checkText(stringify(cronJob), 'cron.yaml').checked[0]?.score).toBe(-5);
  });

  it('checks and scores RoleBindings for grants to system:anonymous, as kubesec does', () => {
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'open' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ kind: 'User', name: 'system:anonymous', apiGroup: 'rbac.authorization.k8s.io' }],
    };
    const result = checkText(stringify(binding), 'binding.yaml');
    expect(result.checked).toMatchObject([{ object: 'ClusterRoleBinding/open', score: -30 }]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['workload/anonymous-not-bound']);
  });

  it('checks each workload of a kind: List at its item path, and skips the other items with a reason', () => {
    const pod = structuredClone(objects.Pod) as { spec: { hostPID?: boolean } };
    pod.spec.hostPID = true;
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: {} },
        objects.Deployment,
        pod,
      ],
    };
    const result = checkText(JSON.stringify(list), 'list.json');
    expect(result.errors).toEqual([]);
    expect(result.checked.map((c) => c.object)).toEqual(['Deployment/web', 'Pod/web']);
    expect(result.findings.map((f) => f.path)).toEqual(['items[2].spec.hostPID']);
    expect(result.skipped).toMatchObject([
      { object: 'Service/web', reason: expect.stringMatching(/not checked/) },
    ]);
  });

  it('leaves objects of other API groups to other providers', () => {
    const result = checkText('apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n', 'w.yaml');
    expect(result.skipped).toMatchObject([{ reason: 'not a document ksec checks' }]);
  });

  it('reports a workload without apiVersion as skipped, not scored', () => {
    const result = checkText('kind: Pod\nmetadata:\n  name: p\nspec:\n  containers: []\n', 'p.yaml');
    expect(result.checked).toEqual([]);
    expect(result.skipped[0]?.reason).toMatch(/no apiVersion/);
  });
});

describe('securityContext inheritance', () => {
  it('lets a container value override the pod value', () => {
    const pod = structuredClone(objects.Pod) as { spec: typeof hardenedPodSpec };
    const container = pod.spec.containers[0];
    if (container) container.securityContext = { ...container.securityContext, runAsNonRoot: false } as never;
    pod.spec.securityContext = { ...pod.spec.securityContext, runAsUser: 0 } as never;
    const result = checkText(stringify(pod), 'pod.yaml');
    const runAs = result.findings.filter((f) => f.ruleId === 'workload/run-as-non-root');
    expect(runAs.map((f) => [f.severity, f.path])).toEqual([['high', 'spec.securityContext.runAsUser']]);
    // kubesec counts a container's own false over the pod's true: no RunAsNonRoot point, no RunAsUser point.
    expect(result.checked[0]?.scoring?.passed.map((p) => p.id)).not.toContain('RunAsNonRoot');
    expect(result.checked[0]?.scoring?.passed.map((p) => p.id)).not.toContain('RunAsUser');
  });
});

describe('ksec.io/ignore annotation', () => {
  it('silences the named rules for that object only, and leaves the score alone', () => {
    const text = stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'agent', annotations: { 'ksec.io/ignore': 'workload/host-namespaces-not-shared' } },
      spec: { ...hardenedPodSpec, hostNetwork: true },
    });
    const result = checkText(text, 'agent.yaml');
    expect(result.findings).toEqual([]);
    expect(result.checked[0]?.score).toBe(15 - 9);
  });

  it('refuses an id no rule has, at the annotation, with the nearest ids', () => {
    const text = stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: 'agent',
        annotations: { 'ksec.io/ignore': 'workload/host-namespaces, workload/privileged-disabled' },
      },
      spec: { ...hardenedPodSpec, hostNetwork: true },
    });
    const result = checkText(text, 'agent.yaml');
    expect(result.errors).toEqual([
      {
        file: 'agent.yaml',
        line: 6,
        column: 5,
        document: 0,
        object: 'Pod/agent',
        message:
          "Pod/agent: ksec.io/ignore: unknown rule id 'workload/host-namespaces'. Did you mean 'workload/host-namespaces-not-shared'? (ksec rules lists them)",
      },
    ]);
    // The known id still applies; the misspelt one silences nothing.
    expect(result.findings.map((f) => f.ruleId)).toEqual(['workload/host-namespaces-not-shared']);
  });
});

describe('namespaces', () => {
  const pod = (metadata: Record<string, unknown>) =>
    stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata,
      spec: { containers: [{ name: 'app', image: 'app:1.0' }] },
    });

  it('carry a workload namespace into its findings and checked entry, and leave it out when unset', () => {
    const result = checkText(
      `${pod({ name: 'web', namespace: 'shop' })}---\n${pod({ name: 'api' })}`,
      'two.yaml',
    );
    const report = JSON.parse(formatJson(result));
    expect(
      report.checked.map((c: { object: string; namespace?: string }) => [c.object, c.namespace]),
    ).toEqual([
      ['Pod/web', 'shop'],
      ['Pod/api', undefined],
    ]);
    expect(result.findings.length).toBeGreaterThan(2);
    for (const finding of report.findings) {
      expect(finding.namespace).toBe(finding.object === 'Pod/web' ? 'shop' : undefined);
    }
  });
});

describe('JSON report', () => {
  it('carries the score and the matched scoring rules of each workload in checked[]', () => {
    const report = JSON.parse(formatJson(checkText(stringify(objects.Deployment), 'web.yaml')));
    expect(report.version).toBe(1);
    expect(report.checked[0]).toMatchObject({
      object: 'Deployment/web',
      provider: 'workload',
      score: 15,
      scoring: { critical: [], passed: expect.arrayContaining([{ id: 'ServiceAccountName', points: 3 }]) },
    });
  });
});

describe('score properties', () => {
  const containerArb = fc.record({
    privileged: fc.boolean(),
    allowPrivilegeEscalation: fc.option(fc.boolean(), { nil: undefined }),
    readOnlyRootFilesystem: fc.option(fc.boolean(), { nil: undefined }),
    runAsUser: fc.option(fc.integer({ min: 0, max: 70000 }), { nil: undefined }),
    drop: fc.subarray(['ALL', 'NET_RAW', 'CHOWN']),
    add: fc.subarray(['SYS_ADMIN', 'NET_BIND_SERVICE']),
  });
  const podArb = fc.record({
    hostNetwork: fc.boolean(),
    runAsNonRoot: fc.option(fc.boolean(), { nil: undefined }),
    containers: fc.array(containerArb, { minLength: 1, maxLength: 3 }),
  });

  it('is the sum of the matched rules, and negative for any privileged container', () => {
    fc.assert(
      fc.property(podArb, (pod) => {
        const value = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: {
            hostNetwork: pod.hostNetwork,
            securityContext: pod.runAsNonRoot === undefined ? {} : { runAsNonRoot: pod.runAsNonRoot },
            containers: pod.containers.map((c, i) => ({
              name: `c${i}`,
              image: 'registry.example.com/app:1.0',
              securityContext: {
                privileged: c.privileged,
                ...(c.allowPrivilegeEscalation === undefined
                  ? {}
                  : { allowPrivilegeEscalation: c.allowPrivilegeEscalation }),
                ...(c.readOnlyRootFilesystem === undefined
                  ? {}
                  : { readOnlyRootFilesystem: c.readOnlyRootFilesystem }),
                ...(c.runAsUser === undefined ? {} : { runAsUser: c.runAsUser }),
                capabilities: { drop: c.drop, add: c.add },
              },
            })),
          },
        };
        const checked = checkText(JSON.stringify(value), 'p.json').checked[0];
        const lines = [...(checked?.scoring?.critical ?? []), ...(checked?.scoring?.passed ?? [])];
        expect(checked?.score).toBe(lines.reduce((sum, l) => sum + l.points, 0));
        if (pod.containers.some((c) => c.privileged)) expect(checked?.score).toBeLessThan(0);
        const privilegedFindings = checkText(JSON.stringify(value), 'p.json').findings.filter(
          (f) => f.ruleId === 'workload/privileged-disabled',
        );
        expect(privilegedFindings).toHaveLength(pod.containers.filter((c) => c.privileged).length);
      }),
    );
  });
});

describe('fields the API server would refuse', () => {
  it('reports wrong types as errors at the field, and neither checks nor scores the workload', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: demo',
      'spec:',
      '  replicas: "2"',
      '  template:',
      '    spec:',
      '      hostNetwork: "1"',
      '      containers:',
      '      - name: app',
      '        image: registry.example.com/app:1.0',
      '        securityContext:',
      '          runAsUser: "1000"',
      '          capabilities: {drop: ALL}',
      '',
    ].join('\n');
    const result = checkText(text, 'demo.yaml');
    expect(result.checked).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.errors.map((e) => [e.line, e.column, e.message])).toEqual([
      [6, 3, 'Deployment/demo: spec.replicas: expected a whole number, got "2"'],
      [9, 7, 'Deployment/demo: spec.template.spec.hostNetwork: expected true or false, got "1"'],
      [
        14,
        11,
        'Deployment/demo: spec.template.spec.containers[0].securityContext.runAsUser: expected a whole number, got "1000"',
      ],
      [
        15,
        26,
        'Deployment/demo: spec.template.spec.containers[0].securityContext.capabilities.drop: expected a list of strings, got "ALL"',
      ],
    ]);
  });

  it('names a misspelt securityContext field and the one that was meant', () => {
    const pod = structuredClone(objects.Pod) as { spec: { securityContext: Record<string, unknown> } };
    pod.spec.securityContext = { runAsNonroot: true };
    const [error] = checkText(stringify(pod), 'pod.yaml').errors;
    expect(error?.message).toBe(
      'Pod/web: spec.securityContext.runAsNonroot: unknown field "runAsNonroot" in the pod securityContext (did you mean runAsNonRoot?): Kubernetes rejects it and it sets nothing',
    );
  });

  it('keeps checking the valid items of a List', () => {
    const bad = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'bad' },
      spec: { hostPID: 'yes', containers: [] },
    };
    const list = { apiVersion: 'v1', kind: 'List', items: [bad, objects.Deployment] };
    const result = checkText(JSON.stringify(list), 'list.json');
    expect(result.checked.map((c) => c.object)).toEqual(['Deployment/web']);
    expect(result.errors.map((e) => e.message)).toEqual([
      'Pod/bad: items[0].spec.hostPID: expected true or false, got "yes"',
    ]);
  });

  it('treats null as absent, as the API server does', () => {
    const pod = structuredClone(objects.Pod) as { spec: Record<string, unknown> };
    pod.spec.hostNetwork = null;
    pod.spec.volumes = null;
    const result = checkText(stringify(pod), 'pod.yaml');
    expect(result.errors).toEqual([]);
    expect(result.checked[0]?.score).toBe(15);
  });
});
