import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  coversAll,
  isAwsPrefixList,
  isWorldOpen,
  parseCidr,
  worldOpenEntries,
  worldOpenFamilies,
  worldOpenIndices,
} from '../../src/util/cidr.ts';

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

/** A random split of an address space into disjoint CIDR blocks: a binary tree, leaves are blocks. */
type Tree = null | [Tree, Tree];
const tree: fc.Arbitrary<Tree> = fc.letrec<{ node: Tree }>((tie) => ({
  node: fc.oneof({ maxDepth: 9, depthSize: 'small' }, fc.constant(null), fc.tuple(tie('node'), tie('node'))),
})).node;

/** The leaves of a tree as [network as a bigint of `bits` width, prefix length]. */
function blocks(node: Tree, bits: number, prefix = 0, network = 0n): [bigint, number][] {
  if (node === null) return [[network, prefix]];
  const half = 1n << BigInt(bits - prefix - 1);
  return [
    ...blocks(node[0], bits, prefix + 1, network),
    ...blocks(node[1], bits, prefix + 1, network + half),
  ];
}

const v4Text = ([n, p]: [bigint, number]) =>
  `${[24n, 16n, 8n, 0n].map((s) => String((n >> s) & 255n)).join('.')}/${p}`;
const v6Text = ([n, p]: [bigint, number]) =>
  `${Array.from({ length: 8 }, (_, i) => ((n >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':')}/${p}`;
/** An IPv4 block written as IPv6 (RFC 4291 IPv4-mapped): 0.0.0.0/1 is ::ffff:0.0.0.0/97. */
const mappedText = ([n, p]: [bigint, number]) => `::ffff:${v4Text([n, p]).split('/')[0]}/${p + 96}`;

describe('world-open is coverage, not a literal', () => {
  it('names per address family what each world-open entry opens it with', () => {
    const entries = (list: unknown) =>
      worldOpenEntries(list).map(({ index, others, why }) => ({ index, others, why }));
    // Each family open on its own: neither entry needs the other.
    expect(entries(['0.0.0.0/0', '::/0', '10.0.0.0/8'])).toEqual([
      { index: 0, others: [], why: '0.0.0.0/0' },
      { index: 1, others: [], why: '::/0' },
    ]);
    expect(entries(['0.0.0.0/1', '128.0.0.0/1', '::/0'])).toEqual([
      {
        index: 0,
        others: ['128.0.0.0/1'],
        why: '0.0.0.0/1, which with 128.0.0.0/1 covers every IPv4 address',
      },
      { index: 1, others: ['0.0.0.0/1'], why: '128.0.0.0/1, which with 0.0.0.0/1 covers every IPv4 address' },
      { index: 2, others: [], why: '::/0' },
    ]);
    // An entry open alone is named alone, even beside halves that also cover the family; the halves
    // are named with each other, not with it.
    expect(entries(['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1'])).toEqual([
      { index: 0, others: [], why: '0.0.0.0/0' },
      {
        index: 1,
        others: ['128.0.0.0/1'],
        why: '0.0.0.0/1, which with 128.0.0.0/1 covers every IPv4 address',
      },
      { index: 2, others: ['0.0.0.0/1'], why: '128.0.0.0/1, which with 0.0.0.0/1 covers every IPv4 address' },
    ]);
    // ::ffff:0:0/96 admits every IPv4 address (mapped) on its own, as 0.0.0.0/0 does.
    expect(entries(['0.0.0.0/0', '::ffff:0:0/96'])).toEqual([
      { index: 0, others: [], why: '0.0.0.0/0' },
      { index: 1, others: [], why: '::ffff:0:0/96' },
    ]);
    expect(entries('0.0.0.0/0')).toEqual([]);
    expect(entries([42, '10.0.0.0/8'])).toEqual([]);
  });

  it.each([
    [
      ['0.0.0.0/1', '128.0.0.0/1'],
      [0, 1],
    ],
    [
      ['::/1', '8000::/1'],
      [0, 1],
    ],
    [
      ['10.0.0.0/8', '0.0.0.0/1', '128.0.0.0/1'],
      [1, 2],
    ],
    [['::ffff:0.0.0.0/96'], [0]],
    [
      ['::ffff:0.0.0.0/97', '128.0.0.0/1'],
      [0, 1],
    ],
    [
      ['0.0.0.0/0', '0.0.0.0/1', '128.0.0.0/1'],
      [0, 1, 2],
    ],
    [
      ['0.0.0.0/0', '0.0.0.0/0'],
      [0, 1],
    ],
    [
      ['0.0.0.0/0', '::/0'],
      [0, 1],
    ],
    [['0.0.0.0/1', '128.0.0.0/2'], []],
    [['0.0.0.0/1', '::/1', 'pl-0123abcd'], []],
    // ::/0 is every IPv6 address but admits no IPv4 client; it does not complete an IPv4 set.
    [['::/0', '0.0.0.0/1'], [0]],
  ])('%j opens entries %j', (list, indices) => {
    expect(worldOpenIndices(list)).toEqual(indices);
  });

  it('agrees with counting every address, on an 8-bit space', () => {
    const range = fc.tuple(fc.nat(255), fc.integer({ min: 0, max: 8 })).map(([address, prefix]) => {
      const size = 1 << (8 - prefix);
      const start = Math.floor(address / size) * size;
      return { start: BigInt(start), end: BigInt(start + size) };
    });
    fc.assert(
      fc.property(fc.array(range, { maxLength: 12 }), (ranges) => {
        const covered = new Set<number>();
        for (const r of ranges) for (let a = Number(r.start); a < Number(r.end); a++) covered.add(a);
        expect(coversAll(ranges, 8)).toBe(covered.size === 256);
      }),
      { numRuns: 500 },
    );
  });

  it.each([
    ['IPv4', 4, 32, v4Text],
    ['IPv6', 6, 128, v6Text],
    ['IPv4-mapped IPv6', 4, 32, mappedText],
  ] as const)(
    'any split of the %s space into blocks is world-open, and none without one of its blocks',
    (_, family, bits, text) => {
      fc.assert(
        fc.property(tree, fc.nat(), (t, pick) => {
          const list = blocks(t, bits).map(text);
          const shuffled = [...list].sort((a, b) => (a < b ? -1 : 1));
          expect(worldOpenFamilies(shuffled).map((f) => f.family)).toEqual([family]);
          // Blocks are disjoint and all needed: every one is named, and without any one there is a gap.
          expect(worldOpenIndices(shuffled)).toEqual(shuffled.map((__, i) => i));
          const without = shuffled.filter((__, i) => i !== pick % shuffled.length);
          expect(worldOpenFamilies(without)).toEqual([]);
        }),
        { numRuns: 200 },
      );
    },
  );

  it('removing the named entries always closes the list', () => {
    const extra = fc
      .tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 }))
      .map(([ip, prefix]) => `${ip}/${prefix}`);
    fc.assert(
      fc.property(tree, fc.array(extra, { maxLength: 6 }), (t, more) => {
        const list = [...blocks(t, 32).map(v4Text), ...more];
        const named = new Set(worldOpenIndices(list));
        expect(named.size).toBeGreaterThan(0);
        expect(worldOpenFamilies(list.filter((__, i) => !named.has(i)))).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });

  it('a list that leaves out one address is never world-open', () => {
    fc.assert(
      fc.property(
        fc.ipV4(),
        fc.array(fc.tuple(fc.ipV4(), fc.integer({ min: 1, max: 32 })), { maxLength: 20 }),
        (hole, candidates) => {
          const holeCidr = parseCidr(`${hole}/32`);
          if (!holeCidr.ok) return;
          const list = candidates
            .map(([ip, prefix]) => `${ip}/${prefix}`)
            .filter((cidr) => {
              const parsed = parseCidr(cidr);
              if (!parsed.ok) return false;
              const keep = Math.floor(parsed.cidr.prefix / 8);
              const bytesMatch = parsed.cidr.bytes
                .slice(0, keep)
                .every((b, i) => b === holeCidr.cidr.bytes[i]);
              const rest = parsed.cidr.prefix % 8;
              const mask = rest === 0 ? 0 : (0xff << (8 - rest)) & 0xff;
              const partial =
                rest === 0 ||
                ((parsed.cidr.bytes[keep] ?? 0) & mask) === ((holeCidr.cidr.bytes[keep] ?? 0) & mask);
              return !(bytesMatch && partial);
            });
          expect(worldOpenFamilies(list)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
