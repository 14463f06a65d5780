// Kubernetes minor releases and their upstream end of life: the one table every version check reads.
//
// Read on 2026-12-01 from kubernetes.io, which renders it from the kubernetes/website repository:
// - minors that have reached end of life: data/releases/eol.yaml, the date each branch actually closed
//   (https://raw.githubusercontent.com/kubernetes/website/main/data/releases/eol.yaml);
// - supported minors: their release pages, https://kubernetes.io/releases/1.33/ … /1.37/ (rendered
//   from data/releases/schedule.yaml), with the scheduled end of life and the newest patch listed there.
// The release pages read list patches up to 2026-09-15 (1.35.9, 1.37.1), so a newer patch of a known
// minor may exist; that is not a reason to refuse it.
//
// Refresh the table with each Kubernetes minor release (about every four months); the next one is
// due before 2027-02-28, when 1.35 reaches end of life.

/** The date the table was read; shown in messages about versions it does not know. */
export const RELEASES_READ = '2026-12-01';

export interface MinorRelease {
  /** Minor version number of Kubernetes 1.x. */
  minor: number;
  /** Upstream end of life, YYYY-MM-DD. */
  endOfLife: string;
  /** `final`: the branch closed on that date (eol.yaml); `scheduled`: the date the release page plans. */
  basis: 'final' | 'scheduled';
  /** The newest patch release listed on the release page when it was read (supported minors only). */
  latestPatch?: string;
}

/** Newest first. Minors older than the last row (1.0, 1.1) reached end of life before 2016. */
export const MINOR_RELEASES: readonly MinorRelease[] = [
  { minor: 37, endOfLife: '2027-10-28', basis: 'scheduled', latestPatch: '1.37.1' },
  { minor: 36, endOfLife: '2027-06-28', basis: 'scheduled', latestPatch: '1.36.4' },
  { minor: 35, endOfLife: '2027-02-28', basis: 'scheduled', latestPatch: '1.35.9' },
  { minor: 34, endOfLife: '2026-10-27', basis: 'scheduled', latestPatch: '1.34.9' },
  { minor: 33, endOfLife: '2026-06-28', basis: 'scheduled', latestPatch: '1.33.10' },
  { minor: 32, endOfLife: '2026-02-28', basis: 'final' },
  { minor: 31, endOfLife: '2025-11-11', basis: 'final' },
  { minor: 30, endOfLife: '2025-07-15', basis: 'final' },
  { minor: 29, endOfLife: '2025-02-28', basis: 'final' },
  { minor: 28, endOfLife: '2024-10-22', basis: 'final' },
  { minor: 27, endOfLife: '2024-07-16', basis: 'final' },
  { minor: 26, endOfLife: '2024-02-28', basis: 'final' },
  { minor: 25, endOfLife: '2023-10-28', basis: 'final' },
  { minor: 24, endOfLife: '2023-07-28', basis: 'final' },
  { minor: 23, endOfLife: '2023-02-28', basis: 'final' },
  { minor: 22, endOfLife: '2022-12-08', basis: 'final' },
  { minor: 21, endOfLife: '2022-06-28', basis: 'final' },
  { minor: 20, endOfLife: '2022-02-28', basis: 'final' },
  { minor: 19, endOfLife: '2021-10-28', basis: 'final' },
  { minor: 18, endOfLife: '2021-06-18', basis: 'final' },
  { minor: 17, endOfLife: '2021-01-13', basis: 'final' },
  { minor: 16, endOfLife: '2020-09-02', basis: 'final' },
  { minor: 15, endOfLife: '2020-05-06', basis: 'final' },
  { minor: 14, endOfLife: '2019-12-11', basis: 'final' },
  { minor: 13, endOfLife: '2019-10-15', basis: 'final' },
  { minor: 12, endOfLife: '2019-07-08', basis: 'final' },
  { minor: 11, endOfLife: '2019-05-01', basis: 'final' },
  { minor: 10, endOfLife: '2019-02-13', basis: 'final' },
  { minor: 9, endOfLife: '2018-09-29', basis: 'final' },
  { minor: 8, endOfLife: '2018-07-12', basis: 'final' },
  { minor: 7, endOfLife: '2018-04-04', basis: 'final' },
  { minor: 6, endOfLife: '2017-11-23', basis: 'final' },
  { minor: 5, endOfLife: '2017-10-01', basis: 'final' },
  { minor: 4, endOfLife: '2017-04-21', basis: 'final' },
  { minor: 3, endOfLife: '2016-11-01', basis: 'final' },
  { minor: 2, endOfLife: '2016-10-23', basis: 'final' },
];

/**
 * kops, as of its newest release v1.36.2 (tag commit f336152672, 2026-08-08):
 * - it runs Kubernetes from 1.31 (`OldestSupportedKubernetesVersion = "1.31.0"`) and refuses a minor
 *   newer than its own ("This version of kubernetes is not yet supported; upgrading kops is required",
 *   bypassed with KOPS_RUN_TOO_NEW_VERSION): upup/pkg/fi/cloudup/apply_cluster.go:79, 985-1018;
 * - its stable channel's newest range recommends 1.35.5 (channels/stable:122-124).
 * The newest minor of that channel is the one `ksec init` defaults to, at its newest patch above.
 */
export const KOPS_RELEASE = {
  version: '1.36.2',
  oldestMinor: 31,
  newestMinor: 36,
  stableChannelMinor: 35,
} as const;
