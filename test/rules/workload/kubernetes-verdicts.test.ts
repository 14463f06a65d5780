// Workload verdicts pinned to what Kubernetes itself does: objects the API server refuses outright
// (test/fixtures/input/workload, each with its `# error:` line and the source in a comment), and the
// messages that tell a user why a finding stands. The rule fixtures pin the findings themselves.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { checkText } from '../../../src/engine/check.ts';
import { getRule } from '../../../src/rules/index.ts';
import type { Rule } from '../../../src/rules/types.ts';

const INPUTS = join(import.meta.dirname, '..', '..', 'fixtures', 'input', 'workload');

function rule(id: string): Rule {
  const found = getRule(id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
}

const messages = (text: string, id: string) =>
  checkText(text, 'input.yaml', { rules: [rule(id)] }).findings.map((f) => f.message);

describe('objects Kubernetes refuses are input errors at the offending field', () => {
  for (const name of readdirSync(INPUTS).sort()) {
    it(name, () => {
      const text = readFileSync(join(INPUTS, name), 'utf8');
      const expected = [...text.matchAll(/^# error: (\d+):(\d+) (.+)$/gm)].map((m) => [
        Number(m[1]),
        Number(m[2]),
        m[3],
      ]);
      expect(expected.length).toBeGreaterThan(0);
      const result = checkText(text, name);
      expect(result.errors.map((e) => [e.line, e.column, e.message])).toEqual(expected);
      expect(result.checked).toEqual([]);
      expect(result.findings).toEqual([]);
    });
  }

  it('still skips, with its reason, a workload that has no spec at all', () => {
    const result = checkText('apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: hello\n', 'c.yaml');
    expect(result.skipped.map((s) => s.reason)).toEqual(['CronJob has no spec to check']);
  });
});

describe('service account tokens follow the ServiceAccount admission plugin', () => {
  const account = (name: string, namespace: string | undefined, automount?: boolean) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    ...(automount === undefined ? {} : { automountServiceAccountToken: automount }),
  });
  const pod = (name: string, namespace: string | undefined, spec: Record<string, unknown>) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: { containers: [{ name: 'app', image: 'registry.example.com/app:1.0' }], ...spec },
  });
  const file = (objects: unknown[]) => objects.map((o) => stringify(o)).join('---\n');
  const id = 'workload/service-account-token-not-automounted';

  it('reads a ServiceAccount instead of skipping it, and checks nothing on it', () => {
    const result = checkText(file([account('web', 'apps', false)]), 'sa.yaml');
    expect(result.errors).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.checked).toMatchObject([{ object: 'ServiceAccount/web', namespace: 'apps' }]);
    expect(result.checked[0]?.score).toBeUndefined();
    expect(result.findings).toEqual([]);
  });

  it('says whether the ServiceAccount is missing from the file or does not opt out', () => {
    expect(messages(file([pod('p', 'apps', { serviceAccountName: 'web' })]), id)).toEqual([
      'the pod mounts a service account token unless its ServiceAccount "web" in namespace apps sets automountServiceAccountToken: false, and this file does not hold that ServiceAccount',
    ]);
    expect(
      messages(file([account('web', 'apps', true), pod('p', 'apps', { serviceAccountName: 'web' })]), id),
    ).toEqual([
      'the pod mounts a service account token: neither it nor its ServiceAccount "web" in namespace apps sets automountServiceAccountToken: false',
    ]);
  });

  it('takes the deprecated serviceAccount alias when serviceAccountName is empty', () => {
    expect(
      messages(
        file([account('legacy', undefined, false), pod('p', undefined, { serviceAccount: 'legacy' })]),
        id,
      ),
    ).toEqual([]);
  });

  it('trusts the opt-out only when every ServiceAccount of that name in the file sets it', () => {
    const text = file([
      account('web', undefined, false),
      account('web', undefined),
      pod('p', undefined, { serviceAccountName: 'web' }),
    ]);
    expect(messages(text, id)).toHaveLength(1);
  });

  it('links every pod of a file, wherever the accounts sit, as a pairwise search would', () => {
    const names = fc.constantFrom('default', 'web', 'batch');
    const namespaces = fc.constantFrom(undefined, 'apps', 'ops');
    const object = fc.oneof(
      fc.record({
        sa: fc.constant(true),
        name: names,
        namespace: namespaces,
        automount: fc.option(fc.boolean(), { nil: undefined }),
      }),
      fc.record({
        sa: fc.constant(false),
        name: names,
        namespace: namespaces,
        automount: fc.option(fc.boolean(), { nil: undefined }),
      }),
    );
    fc.assert(
      fc.property(fc.array(object, { minLength: 1, maxLength: 8 }), (objects) => {
        const manifests = objects.map((o, i) =>
          o.sa
            ? account(o.name, o.namespace, o.automount)
            : pod(`p${i}`, o.namespace, {
                ...(o.name === 'default' ? {} : { serviceAccountName: o.name }),
                ...(o.automount === undefined ? {} : { automountServiceAccountToken: o.automount }),
              }),
        );
        const flagged = checkText(file(manifests), 'f.yaml', { rules: [rule(id)] }).findings.map(
          (f) => f.object,
        );
        const expected = objects.flatMap((o, i) => {
          if (o.sa) return [];
          if (o.automount !== undefined) return o.automount ? [`Pod/p${i}`] : [];
          const accounts = objects.filter((a) => a.sa && a.name === o.name && a.namespace === o.namespace);
          const optedOut = accounts.length > 0 && accounts.every((a) => a.automount === false);
          return optedOut ? [] : [`Pod/p${i}`];
        });
        expect(flagged).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('messages that name what Kubernetes does', () => {
  const deployment = (podSpec: Record<string, unknown>, annotations?: Record<string, string>) =>
    stringify({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' }, ...(annotations ? { annotations } : {}) },
          spec: { containers: [{ name: 'web', image: 'registry.example.com/web:1.0' }], ...podSpec },
        },
      },
    });

  it('a runAsUser without runAsNonRoot: refused by the restricted profile', () => {
    expect(
      messages(deployment({ securityContext: { runAsUser: 10324 } }), 'workload/run-as-non-root'),
    ).toEqual([
      'container "web" has a non-zero runAsUser but not runAsNonRoot: true: the restricted Pod Security profile (enforced in the namespaces ksec init writes) refuses the pod',
    ]);
  });

  it('drop: [all]: dropped by the runtime, refused by the restricted profile', () => {
    const text = deployment({
      containers: [
        {
          name: 'web',
          image: 'registry.example.com/web:1.0',
          securityContext: { capabilities: { drop: ['all'] } },
        },
      ],
    });
    expect(messages(text, 'workload/capabilities-drop-all')).toEqual([
      'container "web" drops "all": the runtime drops every capability, but the restricted Pod Security profile (enforced in the namespaces ksec init writes) accepts only "ALL" and refuses the pod',
    ]);
  });

  it('the seccomp annotation alone: named as ignored', () => {
    const text = deployment({}, { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default' });
    expect(messages(text, 'workload/seccomp-runtime-default')).toEqual([
      'container "web" has no seccomp profile, so it runs Unconfined: the seccomp.security.alpha.kubernetes.io/pod annotation is ignored (kubelets stopped reading it in Kubernetes 1.25, and since 1.27 the API server no longer copies it into seccompProfile)',
    ]);
  });

  it('a runtime socket: both host path rules report it, each saying what it covers', () => {
    const text = deployment({ volumes: [{ name: 'sock', hostPath: { path: '/var/run/docker.sock' } }] });
    expect(messages(text, 'workload/host-path-not-mounted')).toEqual([
      'volume "sock" mounts /var/run/docker.sock from the node: a container runtime socket',
    ]);
    expect(messages(text, 'workload/runtime-socket-not-mounted')).toEqual([
      'volume "sock" mounts /var/run/docker.sock from the node: the pod can control the container runtime',
    ]);
    expect(rule('workload/host-path-not-mounted').rationale).toMatch(/every hostPath volume/);
    expect(rule('workload/runtime-socket-not-mounted').hardened).toContain('/var/run, /run');
  });
});
