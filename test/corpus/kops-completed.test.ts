// kops' "completed" specs are what kops runs after applying its defaults to a test's input. Where a
// rule decides what an unset field means, the input and its completed spec must get the same findings:
// if they did not, the rule would be guessing kops' defaults wrong. Two deliberate exceptions: an
// unset `authorization` (the completed specs come from a kops that defaults to RBAC, while kops before
// 1.36 ran AlwaysAllow, so ksec flags it until it is written down), and kops/private-topology, which
// judges each InstanceGroup's subnets where the groups are in the file and falls back to the Cluster's
// subnet list only where they are not, as in a completed spec (Cluster only).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { checkText } from '../../src/engine/check.ts';
import { corpusDir } from './corpus-root.ts';

const completedDir = corpusDir('kops-completed');
const inputDir = corpusDir('kops');

/** The input manifest of a kops integration test, v1alpha2, as the corpus names it. */
function inputFor(test: string, inputs: readonly string[]): string | undefined {
  const own = inputs.filter((name) => name.startsWith(`${test}__`) && name.includes('v1alpha2'));
  return own.find((name) => name.includes('__in-')) ?? own[0];
}

function clusterFindings(text: string, file: string): string[] {
  const result = checkText(text, file);
  expect(result.errors).toEqual([]);
  return result.findings
    .filter((f) => f.object.startsWith('Cluster/'))
    .map((f) => `${f.ruleId} ${f.severity} ${f.path}`)
    .sort();
}

const TOPOLOGY = 'kops/private-topology';

describe.runIf(completedDir && inputDir)('kops completed specs agree with the rules on unset fields', () => {
  const inputs = readdirSync(inputDir ?? '');
  const pairs = readdirSync(completedDir ?? '')
    .filter((name) => name.endsWith('__cluster-completed.yaml'))
    .map((name) => ({
      completed: name,
      input: inputFor(name.replace('__cluster-completed.yaml', ''), inputs),
    }))
    .filter((pair): pair is { completed: string; input: string } => pair.input !== undefined);

  it('pairs most completed specs with their input', () => expect(pairs.length).toBeGreaterThan(40));

  for (const { completed, input } of pairs) {
    it(`${input} ~ ${completed}`, () => {
      const inputText = readFileSync(join(inputDir ?? '', input), 'utf8');
      const completedText = readFileSync(join(completedDir ?? '', completed), 'utf8');
      const before = clusterFindings(inputText, input);
      let after = clusterFindings(completedText, completed);
      // The completed spec has no groups, so its subnets stand in for them; the input's groups are
      // judged themselves: a Cluster-level topology finding there must come with group findings here.
      if (after.some((f) => f.startsWith(TOPOLOGY))) {
        const groups = checkText(inputText, input).findings.filter(
          (f) => f.ruleId === TOPOLOGY && f.object.startsWith('InstanceGroup/'),
        );
        expect(groups.length, 'the groups in public subnets are flagged instead').toBeGreaterThan(0);
        after = after.filter((f) => !f.startsWith(TOPOLOGY));
      }
      const unsetAuthorization = 'kops/rbac-authorization high spec.authorization';
      if (before.includes(unsetAuthorization) && !after.includes(unsetAuthorization)) {
        const cluster = parseAllDocuments(completedText)
          .map((d) => d.toJS())
          .find((d) => d?.kind === 'Cluster');
        expect(cluster.spec.authorization).toHaveProperty('rbac');
        expect(after).toEqual(before.filter((f) => f !== unsetAuthorization));
      } else {
        expect(after).toEqual(before);
      }
    });
  }
});
