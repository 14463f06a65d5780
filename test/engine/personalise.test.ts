// Fix snippets written for the object: they sit where the setting belongs in that kind of workload and
// name the container, the image and the service account the manifest has, so pasting them changes
// the right thing.
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: shop, namespace: apps}
spec:
  selector: {matchLabels: {app: shop}}
  template:
    metadata: {labels: {app: shop}}
    spec:
      serviceAccountName: shop-runner
      initContainers:
      - name: migrate
        image: registry.example.com/migrate:4.2
        securityContext: {privileged: true}
      containers:
      - name: shop
        image: "registry:5000/team/shop:latest"
`;

/** The fix snippet of `ruleId`'s finding at a path matching `path`, in `text` (the Deployment above). */
function snippet(ruleId: string, path: RegExp, text = deployment): string {
  const finding = checkText(text, 'input.yaml').findings.find(
    (f) => f.ruleId === ruleId && path.test(f.path),
  );
  if (!finding) throw new Error(`no ${ruleId} at ${path}`);
  return finding.fixSnippet;
}

describe('personalised fix snippets', () => {
  it('nest a container setting under the pod template and name the container and its list', () => {
    expect(snippet('workload/privileged-disabled', /initContainers\[0\]/)).toBe(
      'spec:\n  template:\n    spec:\n      initContainers:\n      - name: migrate\n        securityContext:\n          privileged: false\n',
    );
  });

  it('keep the image repository and write the digest placeholder', () => {
    expect(snippet('workload/image-tag-pinned', /containers\[0\]/)).toContain(
      '      - name: shop\n        image: "registry:5000/team/shop@sha256:<digest>"',
    );
  });

  it('name the service account the pod runs as', () => {
    expect(snippet('workload/service-account-token-not-automounted', /./)).toBe(
      'spec:\n  template:\n    spec:\n      serviceAccountName: shop-runner\n      automountServiceAccountToken: false\n',
    );
  });

  it('leave a Pod’s snippet at spec, and a CronJob’s under its job template', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: web\n    image: web:1\n    securityContext: {privileged: true}\n';
    expect(snippet('workload/privileged-disabled', /./, pod)).toBe(
      'spec:\n  containers:\n  - name: web\n    securityContext:\n      privileged: false\n',
    );
    const cron = `apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: job\n            image: job:1\n            securityContext: {privileged: true}\n`;
    expect(snippet('workload/privileged-disabled', /./, cron).split('\n').slice(0, 6)).toEqual([
      'spec:',
      '  jobTemplate:',
      '    spec:',
      '      template:',
      '        spec:',
      '          containers:',
    ]);
  });

  it('quote a name from the manifest that YAML would read as something else', () => {
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: "yes"\n    image: web:1\n    securityContext: {privileged: true}\n';
    expect(snippet('workload/privileged-disabled', /./, pod)).toContain('- name: "yes"');
  });
});
