/**
 * CIDR parsing for allowlists. Pure and dependency-free: used by the checker (is a list world-open?)
 * and the wizard (refuse a bad CIDR with the reason, offer the normalised network).
 */
export interface Cidr {
  family: 4 | 6;
  /** Network address bytes (4 or 16), with host bits as written. */
  bytes: number[];
  prefix: number;
  /** The canonical text of the network (host bits cleared). */
  network: string;
  hostBitsSet: boolean;
}

export type CidrResult = { ok: true; cidr: Cidr } | { ok: false; reason: string };

export function parseCidr(text: string): CidrResult {
  const trimmed = text.trim();
  const slash = trimmed.indexOf('/');
  if (slash < 0)
    return {
      ok: false,
      reason: `"${text}" has no prefix length (write it as address/prefix, e.g. 203.0.113.0/24)`,
    };
  const address = trimmed.slice(0, slash);
  const prefixText = trimmed.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText))
    return { ok: false, reason: `"${text}": prefix length "${prefixText}" is not a number` };
  const prefix = Number(prefixText);
  const v4 = parseIPv4(address);
  const bytes = v4 ?? parseIPv6(address);
  if (!bytes) return { ok: false, reason: `"${text}": "${address}" is not an IPv4 or IPv6 address` };
  const family: 4 | 6 = v4 ? 4 : 6;
  const max = family === 4 ? 32 : 128;
  if (prefix > max)
    return { ok: false, reason: `"${text}": an IPv${family} prefix length is at most ${max}` };
  const masked = maskBytes(bytes, prefix);
  const hostBitsSet = masked.some((b, i) => b !== bytes[i]);
  const network = `${family === 4 ? formatIPv4(masked) : formatIPv6(masked)}/${prefix}`;
  return { ok: true, cidr: { family, bytes, prefix, network, hostBitsSet } };
}

/** A block of addresses of one family, as the half-open interval [start, end) of `bits`-wide integers. */
export interface AddressRange {
  start: bigint;
  end: bigint;
}

/** True when the union of the ranges is every `bits`-wide address: sort, then walk without a gap. */
export function coversAll(ranges: readonly AddressRange[], bits: number): boolean {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  let reached = 0n;
  for (const range of sorted) {
    if (range.start > reached) return false;
    if (range.end > reached) reached = range.end;
  }
  return reached >= 1n << BigInt(bits);
}

function toBigInt(bytes: readonly number[]): bigint {
  return bytes.reduce((n, b) => (n << 8n) | BigInt(b), 0n);
}

function rangeOf(bytes: readonly number[], prefix: number, bits: number): AddressRange {
  const size = 1n << BigInt(bits - prefix);
  const start = (toBigInt(bytes) / size) * size;
  return { start, end: start + size };
}

/** `::ffff:0:0/96`, where IPv6 writes IPv4 addresses (RFC 4291 2.5.5.2). */
const MAPPED_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/**
 * The IPv4 and IPv6 addresses a CIDR admits. An IPv6 CIDR inside `::ffff:0:0/96` is an IPv4-mapped
 * form (`::ffff:0.0.0.0/97` is 0.0.0.0/1) and counts for IPv4 as well; `::/0` is IPv6 only, since a
 * security group or firewall rule for IPv6 does not admit IPv4 clients.
 */
function familyRanges(cidr: Cidr): { family: 4 | 6; range: AddressRange }[] {
  if (cidr.family === 4) return [{ family: 4, range: rangeOf(cidr.bytes, cidr.prefix, 32) }];
  const ranges: { family: 4 | 6; range: AddressRange }[] = [
    { family: 6, range: rangeOf(cidr.bytes, cidr.prefix, 128) },
  ];
  if (cidr.prefix >= 96 && MAPPED_PREFIX.every((b, i) => cidr.bytes[i] === b)) {
    ranges.push({ family: 4, range: rangeOf(cidr.bytes.slice(12), cidr.prefix - 96, 32) });
  }
  return ranges;
}

/** One address family a list admits in full, and the entries (indices into the list) that open it. */
export interface WorldOpenFamily {
  family: 4 | 6;
  /**
   * The entries to remove to close it: the widest ones (those no other entry contains, the first of
   * equal ones), and more if the rest still covers the family. Narrower entries are not named.
   */
  entries: number[];
}

/**
 * Which address families a list of CIDRs admits in full. World-open is coverage, not a literal:
 * `0.0.0.0/1` with `128.0.0.0/1` is the whole IPv4 internet as surely as `0.0.0.0/0` is. Entries that
 * are not CIDRs (AWS prefix lists, typos) admit nothing here.
 */
export function worldOpenFamilies(list: readonly string[]): WorldOpenFamily[] {
  const byFamily = new Map<4 | 6, { index: number; range: AddressRange }[]>([
    [4, []],
    [6, []],
  ]);
  list.forEach((text, index) => {
    const parsed = parseCidr(text);
    if (!parsed.ok) return;
    for (const { family, range } of familyRanges(parsed.cidr)) byFamily.get(family)?.push({ index, range });
  });
  const open: WorldOpenFamily[] = [];
  for (const [family, all] of byFamily) {
    const bits = family === 4 ? 32 : 128;
    const named = new Set<number>();
    let ranges = all;
    // Name the widest entries; if what is left still covers everything ([0.0.0.0/0, 0.0.0.0/1,
    // 128.0.0.0/1]), name the widest of the rest too, until removing the named entries closes the list.
    while (
      ranges.length > 0 &&
      coversAll(
        ranges.map((r) => r.range),
        bits,
      )
    ) {
      const widest = widestOf(ranges);
      for (const r of widest) named.add(r.index);
      ranges = ranges.filter((r) => !widest.includes(r));
    }
    if (named.size > 0) open.push({ family, entries: [...named].sort((a, b) => a - b) });
  }
  return open;
}

/** The ranges no other range contains; of equal ones, the first. */
function widestOf<T extends { range: AddressRange }>(ranges: readonly T[]): T[] {
  return ranges.filter(
    (r, i) =>
      !ranges.some(
        (other, j) =>
          j !== i &&
          other.range.start <= r.range.start &&
          other.range.end >= r.range.end &&
          (other.range.start !== r.range.start || other.range.end !== r.range.end || j < i),
      ),
  );
}

/** True for a CIDR that admits every address of a family on its own (`0.0.0.0/0`, `::/0`, `::ffff:0:0/96`). */
export function isWorldOpen(text: string): boolean {
  return worldOpenFamilies([text]).length > 0;
}

/** The entries of a list that open it to the whole internet, in list order (see worldOpenFamilies). */
export function worldOpenIndices(list: readonly string[]): number[] {
  return [...new Set(worldOpenFamilies(list).flatMap((f) => f.entries))].sort((a, b) => a - b);
}

interface WorldOpenEntry {
  /** Its index in the list. */
  index: number;
  cidr: string;
  /** The other entries it covers an address family with (`128.0.0.0/1` for `0.0.0.0/1`); none when it does alone. */
  others: string[];
  /**
   * What makes it world-open, for messages: the entry itself (`0.0.0.0/0`), or the entry with the
   * others it covers a family with (`0.0.0.0/1, which with 128.0.0.0/1 covers every IPv4 address`).
   */
  why: string;
}

/**
 * One entry per CIDR that opens the list to the whole internet, per address family: `0.0.0.0/0` and
 * `::/0` each open it alone. World-open is coverage, not a literal: the widest entries of every
 * address family the list admits in full (see worldOpenFamilies). Entries that are not strings admit nothing.
 */
export function worldOpenEntries(list: unknown): WorldOpenEntry[] {
  if (!Array.isArray(list)) return [];
  const texts = list.map((entry) => (typeof entry === 'string' ? entry : ''));
  const why = new Map<number, string[]>();
  const others = new Map<number, Set<string>>();
  for (const { family, entries } of worldOpenFamilies(texts)) {
    // An entry that covers the family by itself (0.0.0.0/0, ::ffff:0:0/96 for IPv4) needs no
    // partner; the others are named with the entries that are not world-open alone.
    const alone = (i: number) => worldOpenFamilies([texts[i] ?? '']).some((open) => open.family === family);
    const partners = entries.filter((i) => !alone(i));
    for (const index of entries) {
      const rest = alone(index) ? [] : partners.filter((i) => i !== index).map((i) => texts[i] ?? '');
      const reason =
        rest.length === 0 ? '' : `, which with ${rest.join(', ')} covers every IPv${family} address`;
      why.set(index, [...(why.get(index) ?? []), reason]);
      others.set(index, new Set([...(others.get(index) ?? []), ...rest]));
    }
  }
  return [...why.keys()]
    .sort((a, b) => a - b)
    .map((index) => {
      const cidr = texts[index] ?? '';
      const reasons = (why.get(index) ?? []).filter((r) => r !== '');
      return { index, cidr, others: [...(others.get(index) ?? [])], why: `${cidr}${reasons.join(';')}` };
    });
}

/** AWS managed prefix lists (`pl-0123abcd`) are accepted by kops where CIDRs are. */
export function isAwsPrefixList(text: string): boolean {
  return /^pl-[0-9a-f]{8,17}$/.test(text.trim());
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const bytes: number[] = [];
  for (const part of parts) {
    // Leading zeros are ambiguous (octal in some parsers); refuse them as Go's net.ParseCIDR does.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    bytes.push(n);
  }
  return bytes;
}

function parseIPv6(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.length < 2) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups = part.split(':');
    const out: number[] = [];
    for (const [i, group] of groups.entries()) {
      if (i === groups.length - 1 && group.includes('.')) {
        const v4 = parseIPv4(group);
        if (!v4) return undefined;
        out.push(((v4[0] ?? 0) << 8) | (v4[1] ?? 0), ((v4[2] ?? 0) << 8) | (v4[3] ?? 0));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
      out.push(Number.parseInt(group, 16));
    }
    return out;
  };
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (!head || !tail) return undefined;
  let groups: number[];
  if (halves.length === 2) {
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return undefined;
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    if (head.length !== 8) return undefined;
    groups = head;
  }
  return groups.flatMap((g) => [g >> 8, g & 0xff]);
}

function maskBytes(bytes: number[], prefix: number): number[] {
  return bytes.map((b, i) => {
    const bits = Math.max(0, Math.min(8, prefix - i * 8));
    const mask = bits === 0 ? 0 : (0xff << (8 - bits)) & 0xff;
    return b & mask;
  });
}

function formatIPv4(bytes: number[]): string {
  return bytes.join('.');
}

/** RFC 5952 text: lowercase, no leading zeros, the longest run (≥2) of zero groups as `::`. */
function formatIPv6(bytes: number[]): string {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}
