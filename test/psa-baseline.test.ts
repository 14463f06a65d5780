// Kubernetes' own test pods for the baseline Pod Security Standard (test/fixtures/psa/baseline, copied
// from the pod-security-admission sources; see SOURCE.md there). Each fail/ pod is one the baseline
// profile refuses: ksec must report it with a rule that stands for a baseline control. Each pass/ pod
// is one the profile admits: none of those findings may appear (the stricter, restricted-level
// findings such as an unset seccomp profile may).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../src/engine/evaluate.ts';
import type { Finding } from '../src/rules/types.ts';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'psa', 'baseline');

/** The findings that mean "the baseline profile refuses this pod", rule by rule. */
const BASELINE_LEVEL: Record<string, (finding: Finding) => boolean> = {
  'workload/privileged-disabled': () => true,
  'workload/host-namespaces-not-shared': () => true,
  'workload/host-path-not-mounted': () => true,
  'workload/runtime-socket-not-mounted': () => true,
  'workload/host-ports-not-used': () => true,
  // medium: a capability baseline allows but restricted does not.
  'workload/dangerous-capabilities-not-added': (f) => f.severity !== 'medium',
  'workload/apparmor-not-unconfined': () => true,
  'workload/selinux-options-restricted': () => true,
  'workload/proc-mount-default': () => true,
  // high: Unconfined; an unset profile (medium) is what only the restricted profile refuses.
  'workload/seccomp-runtime-default': (f) => f.severity === 'high',
  'workload/sysctls-safe': () => true,
  'workload/windows-host-process-disabled': () => true,
  'workload/probe-host-not-set': () => true,
  'workload/git-repo-volume-not-used': () => true,
  'workload/ulimits-not-set': () => true,
};

function baselineFindings(name: string, text: string): string[] {
  const result = checkText(text, name);
  expect(result.errors).toEqual([]);
  expect(result.checked).toHaveLength(1);
  return result.findings
    .filter((f) => BASELINE_LEVEL[f.ruleId]?.(f) === true)
    .map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
}

for (const outcome of ['fail', 'pass'] as const) {
  describe(`baseline Pod Security Standard, ${outcome}/`, () => {
    const files = readdirSync(join(FIXTURES, outcome)).filter((f) => f.endsWith('.yaml'));
    it('has test pods', () => expect(files.length).toBeGreaterThan(0));
    for (const file of files) {
      it(file, () => {
        const found = baselineFindings(
          `${outcome}/${file}`,
          readFileSync(join(FIXTURES, outcome, file), 'utf8'),
        );
        if (outcome === 'fail') expect(found.length, 'a pod the baseline profile refuses').toBeGreaterThan(0);
        else expect(found).toEqual([]);
      });
    }
  });
}
