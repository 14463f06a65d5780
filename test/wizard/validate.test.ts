import { describe, expect, it } from 'vitest';
import {
  suggestCidrNetworks,
  toList,
  validateCidrList,
  validateClusterName,
  validateKubernetesVersion,
  validateStateStore,
  validateZones,
} from '../../src/wizard/validate.ts';

/** A validator's verdict: true, or a reason matching the pattern. */
function expectVerdict(verdict: true | string, expected: boolean | RegExp): void {
  if (expected === true) expect(verdict).toBe(true);
  else expect(verdict).toMatch(expected as RegExp);
}

describe('wizard validators', () => {
  it.each([
    ['dev.example.com', true],
    ['a.b', true],
    ['dev', /not fully qualified/],
    // Not gossip: ksec writes topology.dns.type None, and kops checks that before the name
    // (kops v1.36.2 pkg/apis/kops/cluster.go:949-954, UsesLegacyGossip).
    ['dev.k8s.local', true],
    ['Dev.example.com', /DNS-1123/],
    ['dev_1.example.com', /bad part: "dev_1"/],
    ['-dev.example.com', /bad part: "-dev"/],
    ['dev..example.com', /bad part: ""/],
    [`${'a'.repeat(64)}.example.com`, /bad part/],
    [`${'a.'.repeat(127)}com`, /longer than 253/],
  ])('cluster name %j', (value, expected) => {
    expectVerdict(validateClusterName(value), expected);
  });

  it.each([
    ['s3://example-kops-state', true],
    ['s3://example.kops.state/clusters/dev', true],
    ['example-kops-state', /not an S3 URL/],
    ['gs://example-kops-state', /not an S3 URL/],
    ['s3://Example', /not a valid S3 bucket name/],
    ['s3://ab', /not a valid S3 bucket name/],
    ['s3://a..b', /not a valid S3 bucket name/],
    ['s3://bucket/with space', /not an S3 URL/],
  ])('state store %j', (value, expected) => {
    expectVerdict(validateStateStore(value), expected);
  });

  it.each([
    [['us-east-1a'], true],
    [['us-gov-west-1a', 'us-gov-west-1b'], true],
    [['ap-southeast-2a', 'ap-southeast-2b', 'ap-southeast-2c'], true],
    [[], /at least one/],
    [['us-east-1'], /not an AWS availability zone/],
    [['us-east-1a', 'eu-west-1b'], /one region/],
    [
      ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f', 'us-east-1g'],
      /at most 6/,
    ],
  ])('zones %j', (value, expected) => {
    expectVerdict(validateZones(value), expected);
  });

  it.each([
    ['1.35.0', true],
    ['1.36.0-rc.1', true],
    ['1.35', /major\.minor\.patch/],
    ['2.0.0', /only Kubernetes 1\.x/],
    ['latest', /not a Kubernetes version/],
  ])('Kubernetes version %j', (value, expected) => {
    expectVerdict(validateKubernetesVersion(value), expected);
  });

  it('CIDR lists: IPv4, IPv6 and prefix lists; host bits refused with the network offered', () => {
    expect(
      validateCidrList(['203.0.113.0/24', '2001:db8::/32', 'pl-0123456789abcdef0'], { allowEmpty: false }),
    ).toBe(true);
    expect(validateCidrList([], { allowEmpty: true })).toBe(true);
    expect(validateCidrList([], { allowEmpty: false })).toMatch(/at least one CIDR/);
    expect(validateCidrList(['203.0.113.0'], { allowEmpty: false })).toMatch(/no prefix length/);
    expect(validateCidrList(['2001:db8::1/32'], { allowEmpty: false })).toBe(
      '"2001:db8::1/32" has host bits set: the network is 2001:db8::/32',
    );
    expect(suggestCidrNetworks(['203.0.113.7/24', '10.0.0.0/8'])).toEqual({
      value: ['203.0.113.0/24', '10.0.0.0/8'],
      message: 'Use the network addresses 203.0.113.0/24, 10.0.0.0/8?',
    });
    expect(suggestCidrNetworks(['10.0.0.0/8'])).toBeUndefined();
  });

  it('lists split on commas and spaces, drop empties and duplicates', () => {
    expect(toList(' a, b ,,c a ')).toEqual(['a', 'b', 'c']);
    expect(toList(['a,b', 'b', 'c'])).toEqual(['a', 'b', 'c']);
    expect(toList(undefined)).toEqual([]);
  });
});
