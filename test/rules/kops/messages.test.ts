// The words of kops findings whose meaning changed with what kops does: the fixtures pin severity,
// path and line (test/rules/fixtures.test.ts); these pin what the message claims. Each fixture cites
// the kops source of the behaviour.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../../src/engine/check.ts';
import { getRule } from '../../../src/rules/index.ts';
import { FIXTURES } from '../../helpers/rule-fixtures.ts';

function messages(ruleId: string, fixture: string): string[] {
  const rule = getRule(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  const text = readFileSync(join(FIXTURES, ruleId, fixture), 'utf8');
  return checkText(text, fixture, { rules: [rule] }).findings.map((f) => `${f.severity}: ${f.message}`);
}

describe('kops finding messages', () => {
  it('says SSH to the bastion where kops opens SSH on the bastion only', () => {
    const [bastion] = messages('kops/ssh-access-restricted', 'fail.bastion-world-open.yaml');
    expect(bastion).toMatch(/^high: SSH to the bastion is open to the whole internet \(0\.0\.0\.0\/0\)/);
    expect(bastion).not.toMatch(/every instance/);
    expect(messages('kops/ssh-access-restricted', 'fail.world-open.yaml')[0]).toMatch(
      /^high: SSH to every instance is open/,
    );
  });

  it('names the set of CIDRs that covers a family together', () => {
    expect(messages('kops/api-access-restricted', 'fail.halves.yaml')).toEqual([
      expect.stringContaining('(0.0.0.0/1, which with 128.0.0.0/1 covers every IPv4 address)'),
      expect.stringContaining('(128.0.0.0/1, which with 0.0.0.0/1 covers every IPv4 address)'),
      expect.stringContaining('(::/1, which with 8000::/1 covers every IPv6 address)'),
      expect.stringContaining('(8000::/1, which with ::/1 covers every IPv6 address)'),
    ]);
  });

  it('reports an unset kubelet anonymousAuth as off in effect, at low', () => {
    const [unset] = messages('kops/kubelet-anonymous-auth-disabled', 'fail.unset.yaml');
    expect(unset).toMatch(/^low: spec\.kubelet\.anonymousAuth is not set: anonymous auth is off in effect/);
    expect(unset).toMatch(/since kops 1\.23 the kubelet reads a config file, whose default is false/);
    expect(unset).toMatch(/kops warns on every update/);
    expect(messages('kops/kubelet-anonymous-auth-disabled', 'fail.cluster-true.yaml')[0]).toMatch(
      /^high: .*kops 1\.26 and later happen to rewrite a cluster-level true to false for each InstanceGroup/,
    );
  });

  it('says what a hop limit above 1 hands out on the control plane', () => {
    expect(messages('kops/imds-v2-required', 'fail.control-plane-hop-limit.yaml')).toEqual([
      expect.stringMatching(/^high: .* on a control-plane group: .*reads the whole kops state store/),
      expect.stringMatching(/^high: .* on an API server group: /),
      expect.stringMatching(/^low: .*pods can reach the metadata service through the node/),
    ]);
  });

  it('names the subnet and its type for a group placed in a public one', () => {
    expect(messages('kops/private-topology', 'fail.groups-in-public-subnets.yaml')).toEqual([
      expect.stringContaining(
        'control-plane instances of this group run in subnet utility-us-east-1a (type Utility)',
      ),
      expect.stringContaining('node instances of this group run in subnet public-us-east-1a (type Public)'),
    ]);
  });

  it('says a policy that ends every request at None logs nothing', () => {
    for (const message of messages('kops/audit-logging-enabled', 'fail.policy-logs-nothing.yaml'))
      expect(message).toMatch(/the audit policy logs nothing/);
  });
});
