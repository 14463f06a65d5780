import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAwsPrefixList, isWorldOpen, parseCidr } from '../../src/util/cidr.ts';

const ipv4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((b) => b.join('.'));
const ipv6Groups = fc.array(fc.nat(0xffff), { minLength: 8, maxLength: 8 });

describe('parseCidr', () => {
  it.each([
    ['203.0.113.0/24', '203.0.113.0/24', false],
    ['203.0.113.7/24', '203.0.113.0/24', true],
    ['0.0.0.0/0', '0.0.0.0/0', false],
    ['::/0', '::/0', false],
    ['2001:DB8::1/32', '2001:db8::/32', true],
    ['2001:db8:0:0:1:0:0:1/128', '2001:db8::1:0:0:1/128', false],
    ['::ffff:192.0.2.1/128', '::ffff:c000:201/128', false],
  ])('%s → %s (host bits set: %s)', (text, network, hostBitsSet) => {
    const result = parseCidr(text);
    expect(result).toMatchObject({ ok: true, cidr: { network, hostBitsSet } });
  });

  it.each([
    ['203.0.113.0', 'no prefix length'],
    ['203.0.113.0/33', 'at most 32'],
    ['2001:db8::/129', 'at most 128'],
    ['256.0.0.0/8', 'is not an IPv4 or IPv6 address'],
    ['010.0.0.0/8', 'is not an IPv4 or IPv6 address'],
    ['1:2:3:4:5:6:7:8:9/64', 'is not an IPv4 or IPv6 address'],
    ['1::2::3/64', 'is not an IPv4 or IPv6 address'],
    ['10.0.0.0/abc', 'is not a number'],
    ['example.com/24', 'is not an IPv4 or IPv6 address'],
  ])('refuses %s with the reason', (text, reason) => {
    const result = parseCidr(text);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('normalises any IPv4 CIDR to a network that parses to itself without host bits', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (address, prefix) => {
        const first = parseCidr(`${address}/${prefix}`);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        const again = parseCidr(first.cidr.network);
        expect(again).toMatchObject({ ok: true, cidr: { network: first.cidr.network, hostBitsSet: false } });
      }),
    );
  });

  it('normalises any IPv6 CIDR (written in full) the same way', () => {
    fc.assert(
      fc.property(ipv6Groups, fc.integer({ min: 0, max: 128 }), (groups, prefix) => {
        const text = `${groups.map((g) => g.toString(16)).join(':')}/${prefix}`;
        const first = parseCidr(text);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(first.cidr.family).toBe(6);
        const again = parseCidr(first.cidr.network);
        expect(again).toMatchObject({ ok: true, cidr: { network: first.cidr.network, hostBitsSet: false } });
      }),
    );
  });

  it('treats exactly the /0 networks as world-open', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 32 }), (address, prefix) => {
        expect(isWorldOpen(`${address}/${prefix}`)).toBe(prefix === 0);
      }),
    );
    expect(isWorldOpen('0:0:0:0:0:0:0:0/0')).toBe(true);
    expect(isWorldOpen('pl-0123abcd')).toBe(false);
  });

  it('recognises AWS prefix lists', () => {
    expect(isAwsPrefixList('pl-44444444')).toBe(true);
    expect(isAwsPrefixList('pl-xyz')).toBe(false);
  });
});
