// Answer validators shared by the question lists. Each returns true or the reason a value is refused.
import { isAwsPrefixList, parseCidr, worldOpenIndices } from '../util/cidr.ts';
import { escapeCharacter, firstUnprintable, printable } from '../util/printable.ts';
import type { Suggestion } from './types.ts';

/**
 * Free text must be text: an answer lands in scripts, specs, comments and on the terminal, where a
 * NUL, ESC or other control character, a bidirectional override or a line separator would not read
 * as what it is. Refused in every answer (each item of a list), whatever the question.
 */
export function validatePrintable(value: unknown): true | string {
  for (const item of Array.isArray(value) ? value : [value]) {
    if (typeof item !== 'string') continue;
    const found = firstUnprintable(item);
    if (!found) continue;
    const position = [...item.slice(0, found.index)].length + 1;
    return `"${printable(item)}" holds ${characterKind(found.char)} (${escapeCharacter(found.char)}) at character ${position}; answers must be printable text`;
  }
  return true;
}

function characterKind(char: string): string {
  if (char === '\u2028' || char === '\u2029') return 'a line separator';
  return /\p{Cc}/u.test(char) ? 'a control character' : 'a bidirectional control';
}

/** The text without any trailing `char`s (`s3://bucket//` → `s3://bucket`); linear in the length. */
export function stripTrailing(text: string, char: string): string {
  let end = text.length;
  while (end > 0 && text[end - 1] === char) end -= 1;
  return text.slice(0, end);
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * A kops cluster name: a fully qualified, lower-case DNS-1123 subdomain. A name ending in `.k8s.local`
 * is accepted: ksec writes `topology.dns.type: None`, and kops treats such a cluster as gossip only
 * when its DNS type is not None (kops v1.36.2 pkg/apis/kops/cluster.go UsesLegacyGossip), so the
 * removal of gossip planned for kops 1.37 does not touch it.
 */
export function validateClusterName(value: unknown): true | string {
  if (typeof value !== 'string' || value === '') return 'a cluster name is required, e.g. dev.example.com';
  if (value.length > 253) return `"${value}" is longer than 253 characters, the limit for a DNS name`;
  const labels = value.split('.');
  if (labels.length < 2)
    return `"${value}" is not fully qualified: kops needs a DNS name with a dot, e.g. ${DNS_LABEL.test(value) ? value : 'dev'}.example.com`;
  const bad = labels.find((label) => !DNS_LABEL.test(label));
  if (bad !== undefined)
    return `"${value}" is not a DNS-1123 name: each dot-separated part must be 1-63 lower-case letters, digits or '-', starting and ending with a letter or digit (bad part: "${bad}")`;
  return true;
}

/** `s3://Bucket` → `s3://bucket`: S3 bucket names are lower case, and a refusal should say what would do. */
export function suggestStateStore(value: unknown): Suggestion | undefined {
  const text = String(value ?? '');
  const match = /^s3:\/\/([^/]+)(.*)$/i.exec(text);
  if (!match) return undefined;
  const fixed = `s3://${(match[1] ?? '').toLowerCase()}${match[2] ?? ''}`;
  return fixed !== text
    ? { value: fixed, message: `Use ${fixed}? (bucket names are lower case)` }
    : undefined;
}

/** A kops state store: `s3://bucket` or `s3://bucket/prefix`, with an S3-valid bucket name. */
export function validateStateStore(value: unknown): true | string {
  if (typeof value !== 'string' || value === '')
    return 'a state store is required, e.g. s3://example-com-kops-state';
  const match = /^s3:\/\/([^/]+)(\/[A-Za-z0-9!_.*'()/-]*)?$/.exec(value);
  if (!match) return `"${value}" is not an S3 URL: write it as s3://bucket or s3://bucket/prefix`;
  const bucket = match[1] ?? '';
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket) || bucket.includes('..'))
    return `"${bucket}" is not a valid S3 bucket name: 3-63 lower-case letters, digits, '.' or '-', starting and ending with a letter or digit`;
  return true;
}

const ZONE = /^([a-z]{2}(?:-[a-z]+)+-\d+)([a-z])$/;

/** AWS availability zones of one region (kops subnets cannot span regions), at most six. */
export function validateZones(value: unknown): true | string {
  if (!Array.isArray(value) || value.length === 0)
    return 'at least one availability zone is required, e.g. us-east-1a';
  const regions = new Set<string>();
  for (const zone of value) {
    const match = ZONE.exec(String(zone));
    if (!match) return `"${String(zone)}" is not an AWS availability zone name (e.g. us-east-1a, eu-west-2b)`;
    regions.add(match[1] ?? '');
  }
  if (regions.size > 1)
    return `zones must all be in one region, but these span ${[...regions].join(', ')}: a cluster lives in one VPC`;
  if (value.length > 6) return `at most 6 zones are supported (got ${value.length})`;
  return true;
}

/** A Kubernetes release, x.y.z (optionally with a pre-release suffix); the leading v is dropped by normalise. */
export function validateKubernetesVersion(value: unknown): true | string {
  const match = /^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/.exec(String(value ?? ''));
  if (!match) return `"${String(value)}" is not a Kubernetes version: write major.minor.patch, e.g. 1.35.9`;
  if (match[1] !== '1') return `"${String(value)}": only Kubernetes 1.x exists`;
  return true;
}

/** [major, minor] of a version string, for comparisons like "canal is refused from 1.28". */
export function minorVersion(version: unknown): [number, number] {
  const match = /^(\d+)\.(\d+)/.exec(String(version ?? ''));
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

export function atLeast(version: unknown, major: number, minor: number): boolean {
  const [ma, mi] = minorVersion(version);
  return ma > major || (ma === major && mi >= minor);
}

/**
 * A list of IPv4/IPv6 CIDRs (or AWS prefix lists), each exact: a CIDR with host bits set is
 * refused (the suggestion offers the network address), because the intended network is a guess.
 */
export function validateCidrList(value: unknown, { allowEmpty }: { allowEmpty: boolean }): true | string {
  if (!Array.isArray(value)) return 'expected a list of CIDRs';
  if (value.length === 0)
    return allowEmpty ? true : 'at least one CIDR is required, e.g. 203.0.113.0/24 (your office or VPN)';
  for (const entry of value) {
    const text = String(entry);
    if (isAwsPrefixList(text)) continue;
    const parsed = parseCidr(text);
    if (!parsed.ok) return parsed.reason;
    if (parsed.cidr.hostBitsSet) return `"${text}" has host bits set: the network is ${parsed.cidr.network}`;
  }
  return true;
}

/**
 * Offers a corrected list when every problem has one right answer: a CIDR with host bits set becomes
 * its network (`203.0.113.7/24` → `203.0.113.0/24`), and a bare address becomes that one address
 * (`203.0.113.7` → `203.0.113.7/32`, an IPv6 address `/128`).
 */
export function suggestCidrNetworks(value: unknown): Suggestion | undefined {
  if (!Array.isArray(value)) return undefined;
  const changes: string[] = [];
  const fixed = value.map((entry) => {
    const text = String(entry);
    const parsed = parseCidr(text);
    if (parsed.ok && parsed.cidr.hostBitsSet) {
      changes.push('network');
      return parsed.cidr.network;
    }
    if (!parsed.ok && !text.includes('/')) {
      const address = parseCidr(`${text}/${text.includes(':') ? 128 : 32}`);
      if (address.ok && !address.cidr.hostBitsSet) {
        changes.push('address');
        return address.cidr.network;
      }
    }
    return entry;
  });
  if (changes.length === 0) return undefined;
  const list = fixed.map(String).join(', ');
  const message = changes.every((change) => change === 'network')
    ? `Use the network address${fixed.length > 1 ? 'es' : ''} ${list}?`
    : changes.every((change) => change === 'address')
      ? `Use ${list} (${fixed.length > 1 ? 'just those addresses' : 'just that address'})?`
      : `Use ${list}?`;
  return { value: fixed, message };
}

/**
 * The entries that open a CIDR list to the whole internet, if any: `0.0.0.0/0`, and also sets whose
 * union is every address, such as `0.0.0.0/1` with `128.0.0.0/1`.
 */
export function worldOpen(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const list = value.map(String);
  return worldOpenIndices(list).map((index) => list[index] ?? '');
}

/** "0.0.0.0/0 opens", "0.0.0.0/1 and 128.0.0.0/1 together open": the subject of a world-open warning. */
export function worldOpenSubject(open: readonly string[]): string {
  return open.length === 1 ? `${open[0]} opens` : `${open.join(' and ')} together open`;
}

/** Splits comma/space separated text into trimmed, non-empty, de-duplicated items. */
export function toList(value: unknown): string[] {
  const items = (Array.isArray(value) ? value : [value])
    .flatMap((item) => (item === undefined || item === null ? [] : String(item).split(/[\s,]+/)))
    .map((item) => item.trim())
    .filter((item) => item !== '');
  return [...new Set(items)];
}

/** A whole number within bounds. */
export function validateInteger(value: unknown, min: number, max: number, what: string): true | string {
  if (typeof value !== 'number' || !Number.isInteger(value))
    return `${what} must be a whole number (got ${JSON.stringify(value)})`;
  if (value < min || value > max) return `${what} must be between ${min} and ${max} (got ${value})`;
  return true;
}
