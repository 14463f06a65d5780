// Kubernetes' own test pods for the Pod Security Standards (test/fixtures/psa/<profile>, copied from the
// pod-security-admission sources; see SOURCE.md there). Each fail/ pod is one the profile refuses: ksec
// must report it with a finding that stands for a control of that profile. Each pass/ pod is one the
// profile admits: none of those findings may appear (stricter ones may: an unset seccomp profile is
// fine for baseline, not for restricted).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../../src/engine/check.ts';
import type { Finding } from '../../../src/model.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'psa');
const always = () => true;

/** The findings that mean "the baseline profile refuses this pod", rule by rule. */
const BASELINE_LEVEL: Record<string, (finding: Finding) => boolean> = {
  'workload/privileged-disabled': always,
  'workload/host-namespaces-not-shared': always,
  'workload/host-path-not-mounted': always,
  'workload/runtime-socket-not-mounted': always,
  'workload/host-ports-not-used': always,
  // medium: a capability baseline allows but restricted does not.
  'workload/dangerous-capabilities-not-added': (f) => f.severity !== 'medium',
  'workload/apparmor-not-unconfined': always,
  'workload/selinux-options-restricted': always,
  // low: Unmasked in a user namespace, which baseline admits.
  'workload/proc-mount-default': (f) => f.severity !== 'low',
  // high: Unconfined; an unset profile (medium) is what only the restricted profile refuses.
  'workload/seccomp-runtime-default': (f) => f.severity === 'high',
  'workload/sysctls-safe': always,
  'workload/windows-host-process-disabled': always,
  'workload/probe-host-not-set': always,
  'workload/git-repo-volume-not-used': always,
  'workload/ulimits-not-set': always,
};

/** Restricted refuses all that baseline does, at every severity, and more. */
const RESTRICTED_LEVEL: Record<string, (finding: Finding) => boolean> = {
  ...Object.fromEntries(Object.keys(BASELINE_LEVEL).map((id) => [id, always])),
  'workload/run-as-non-root': always,
  'workload/allow-privilege-escalation-disabled': always,
  'workload/capabilities-drop-all': always,
  'workload/volume-types-restricted': always,
  'workload/cgroup-mount-read-only': always,
};

const PROFILES = { baseline: BASELINE_LEVEL, restricted: RESTRICTED_LEVEL };

/**
 * Test pods are filed by the policy version that judged them (SOURCE.md lists it). Profiles only grew
 * stricter in the controls ksec checks, so every refused pod is still refused; but a pod admitted by an
 * old version may not be admitted today. Admitted pods count from the version that brought the profile
 * to its current form: restricted gained its capabilities control in v1.22, the runAsUser control in
 * v1.23 and its Windows exemptions in v1.25.
 */
const CURRENT_FROM: Record<string, number> = { baseline: 0, restricted: 25 };

function policyVersions(dir: string): Map<string, number> {
  const rows = readFileSync(join(dir, 'SOURCE.md'), 'utf8').matchAll(/^\| `([^`]+)` \| `v1\.(\d+)` \|/gm);
  return new Map([...rows].map((row) => [row[1] ?? '', Number(row[2])]));
}

for (const [profile, level] of Object.entries(PROFILES)) {
  const dir = join(FIXTURES, profile);
  describe.runIf(existsSync(dir))(`${profile} Pod Security Standard`, () => {
    for (const outcome of ['fail', 'pass'] as const) {
      describe(`${outcome}/`, () => {
        const versions = policyVersions(dir);
        const files = readdirSync(join(dir, outcome)).filter(
          (f) =>
            f.endsWith('.yaml') &&
            (outcome === 'fail' || (versions.get(`pass/${f}`) ?? -1) >= (CURRENT_FROM[profile] ?? 0)),
        );
        it('has test pods', () => expect(files.length).toBeGreaterThan(0));
        for (const file of files) {
          it(file, () => {
            const result = checkText(readFileSync(join(dir, outcome, file), 'utf8'), `${outcome}/${file}`);
            expect(result.errors).toEqual([]);
            expect(result.checked).toHaveLength(1);
            const found = result.findings
              .filter((f) => level[f.ruleId]?.(f) === true)
              .map((f) => `${f.ruleId} ${f.path}: ${f.message}`);
            if (outcome === 'fail')
              expect(found.length, `a pod the ${profile} profile refuses`).toBeGreaterThan(0);
            else expect(found).toEqual([]);
          });
        }
      });
    }
  });
}
