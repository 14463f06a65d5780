/**
 * Whether a Kubernetes version still gets upstream fixes, from the table in kubernetes-releases.ts.
 * The current date comes from `today()`, so tests fix it with fake timers.
 */
import { KOPS_RELEASE, MINOR_RELEASES, type MinorRelease, RELEASES_READ } from './kubernetes-releases.ts';

export interface KubernetesVersion {
  major: number;
  minor: number;
  /** Absent for `1.35`. */
  patch?: number;
  /** What follows the numbers: `-beta.1`, `-gke.1080000`. */
  suffix: string;
}

/** `1.35.2`, `v1.35`, `1.33.5-gke.1080000` → its numbers; undefined for a channel URL or other text. */
export function parseKubernetesVersion(text: unknown): KubernetesVersion | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^v?(\d+)\.(\d+)(?:\.(\d+))?([-+][0-9A-Za-z.+-]*)?$/.exec(text.trim());
  if (!match) return undefined;
  return {
    major: Number(match[1]),
    minor: Number(match[2]),
    ...(match[3] === undefined ? {} : { patch: Number(match[3]) }),
    suffix: match[4] ?? '',
  };
}

export function today(): Date {
  return new Date();
}

/** YYYY-MM-DD of a date, in UTC (the dates in the table are days, not instants). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** `minor` is the number after `1.` (35 for 1.35); `minorText` writes it for a message. */
export type SupportStatus =
  | { state: 'supported'; minor: number; release: MinorRelease }
  | { state: 'end-of-life'; minor: number; endOfLife: string; basis: 'final' | 'scheduled' | 'ancient' }
  /** A minor newer than any in the table: maybe real, maybe a typo; ksec cannot tell. */
  | { state: 'newer'; minor: number; newestKnown: number; read: string }
  | { state: 'unparsed' };

/** A Kubernetes 1.x minor as people write it: 35 → `1.35`. */
export function minorText(minor: number): string {
  return `1.${minor}`;
}

const NEWEST = MINOR_RELEASES[0];

/** Whether `version` is past upstream end of life on `on` (the end-of-life day itself still counts as supported). */
export function supportStatus(version: unknown, on: Date = today()): SupportStatus {
  const parsed = parseKubernetesVersion(version);
  if (parsed?.major !== 1) return { state: 'unparsed' };
  const { minor } = parsed;
  const release = MINOR_RELEASES.find((r) => r.minor === minor);
  if (!release) {
    if (NEWEST && minor > NEWEST.minor)
      return { state: 'newer', minor, newestKnown: NEWEST.minor, read: RELEASES_READ };
    return { state: 'end-of-life', minor, endOfLife: 'before 2016', basis: 'ancient' };
  }
  if (isoDay(on) > release.endOfLife)
    return { state: 'end-of-life', minor, endOfLife: release.endOfLife, basis: release.basis };
  return { state: 'supported', minor, release };
}

/** The supported minors on a date, oldest first (35 for 1.35). */
export function supportedMinors(on: Date = today()): number[] {
  return MINOR_RELEASES.filter((r) => isoDay(on) <= r.endOfLife)
    .map((r) => r.minor)
    .reverse();
}

/** The supported minors the newest kops release ksec knows runs on a date: a newer one needs a newer kops. */
export function kopsSupportedMinors(on: Date = today()): number[] {
  return supportedMinors(on).filter((minor) => minor <= KOPS_RELEASE.newestMinor);
}

/** True when the newest kops release ksec knows refuses a minor as too old ("kubernetes upgrade is required"). */
export function kopsRefuses(minor: number): boolean {
  return minor < KOPS_RELEASE.oldestMinor;
}

/** "reached end of life on 2024-10-22", worded for how sure the date is; `whose` says whose (`upstream `). */
export function endOfLifePhrase(
  status: Extract<SupportStatus, { state: 'end-of-life' }>,
  whose = '',
): string {
  if (status.basis === 'ancient') return `reached ${whose}end of life before 2016`;
  if (status.basis === 'scheduled')
    return `reached ${whose}end of life on ${status.endOfLife} (its scheduled date)`;
  return `reached ${whose}end of life on ${status.endOfLife}`;
}

/** The newest patch ksec knows of a minor, e.g. `1.35.9`. */
export function latestPatch(minor: number): string | undefined {
  return MINOR_RELEASES.find((r) => r.minor === minor)?.latestPatch;
}

/**
 * The Kubernetes version `ksec init` writes for kops: the newest patch of the minor kops' stable
 * channel recommends, or, once that minor is past end of life, of the oldest supported minor kops runs.
 * When the table has gone stale and none is left, the stable one, which init then refuses to use unconfirmed.
 */
export function defaultKopsKubernetesVersion(on: Date = today()): string {
  const supported = supportedMinors(on);
  const candidates = [
    KOPS_RELEASE.stableChannelMinor,
    ...kopsSupportedMinors(on).filter((m) => m > KOPS_RELEASE.stableChannelMinor),
  ];
  const minor = candidates.find((m) => supported.includes(m)) ?? KOPS_RELEASE.stableChannelMinor;
  return latestPatch(minor) ?? `1.${minor}.0`;
}

/**
 * Why a version is a risky choice for a new kops cluster, or undefined when it is not: past end of life,
 * newer than the table, or newer than the newest kops release runs.
 */
export function kopsKubernetesVersionRisk(version: unknown, on: Date = today()): string | undefined {
  const status = supportStatus(version, on);
  if (status.state === 'end-of-life') {
    const refused = kopsRefuses(status.minor)
      ? `, and kops ${KOPS_RELEASE.version} refuses it ("kubernetes upgrade is required")`
      : '';
    return `Kubernetes ${minorText(status.minor)} ${endOfLifePhrase(status)} and gets no security fixes${refused}; ksec diff will keep flagging it`;
  }
  if (status.state === 'newer')
    return `Kubernetes ${minorText(status.minor)} is newer than any release ksec knows (its table, read ${status.read}, ends at ${minorText(status.newestKnown)}): check the version`;
  if (status.state === 'supported' && status.release.minor > KOPS_RELEASE.newestMinor)
    return `kops ${KOPS_RELEASE.version}, the newest kops release ksec knows, refuses Kubernetes ${minorText(status.minor)} ("upgrading kops is required") unless KOPS_RUN_TOO_NEW_VERSION is set`;
  return undefined;
}
