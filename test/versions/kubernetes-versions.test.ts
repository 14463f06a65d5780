// The release table (src/versions/kubernetes-releases.ts, read from kubernetes.io on 2026-12-01) and
// the support verdicts built on it. Every verdict takes its date as an argument here.
import { describe, expect, it } from 'vitest';
import { KOPS_RELEASE, MINOR_RELEASES, RELEASES_READ } from '../../src/versions/kubernetes-releases.ts';
import {
  latestPatch,
  parseKubernetesVersion,
  supportedMinors,
  supportStatus,
} from '../../src/versions/support.ts';

const on = (day: string) => new Date(`${day}T12:00:00Z`);
const TODAY = on('2026-12-01');

describe('the release table', () => {
  it('lists every minor from the newest down to 1.2, once, newest first', () => {
    const minors = MINOR_RELEASES.map((r) => r.minor);
    expect(minors).toEqual(Array.from({ length: minors.length }, (_, i) => (minors[0] ?? 0) - i));
    expect(minors.at(-1)).toBe(2);
  });

  it('has end-of-life dates that grow with the minor, and a final date only where it has passed', () => {
    const dates = MINOR_RELEASES.map((r) => r.endOfLife);
    expect([...dates].sort().reverse()).toEqual(dates);
    for (const release of MINOR_RELEASES) {
      expect(release.endOfLife).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      if (release.basis === 'final') expect(release.endOfLife <= RELEASES_READ).toBe(true);
    }
  });

  it('names a newest patch of the right minor for every minor still listed as scheduled', () => {
    for (const release of MINOR_RELEASES.filter((r) => r.basis === 'scheduled'))
      expect(release.latestPatch).toMatch(new RegExp(`^1\\.${release.minor}\\.\\d+$`));
  });

  it("knows the minor kops' stable channel recommends, and it is supported on the day the table was read", () => {
    expect(latestPatch(KOPS_RELEASE.stableChannelMinor)).toBe('1.35.9');
    expect(supportStatus(latestPatch(KOPS_RELEASE.stableChannelMinor), on(RELEASES_READ)).state).toBe(
      'supported',
    );
  });
});

describe('supportStatus', () => {
  it.each([
    ['1.35.9', 'supported'],
    ['v1.36.0', 'supported'],
    ['1.37.1', 'supported'],
    ['1.35', 'supported'],
    ['1.35.12', 'supported'],
    ['1.34.9', 'end-of-life'],
    ['1.33.5-gke.1080000', 'end-of-life'],
    ['1.28.15', 'end-of-life'],
    ['1.1.8', 'end-of-life'],
    ['1.38.0', 'newer'],
    ['2.0.0', 'unparsed'],
    ['stable', 'unparsed'],
    ['https://storage.googleapis.com/kubernetes-release/release/stable.txt', 'unparsed'],
    [undefined, 'unparsed'],
  ])('%s on 2026-12-01 is %s', (version, state) => {
    expect(supportStatus(version, TODAY).state).toBe(state);
  });

  it('counts the end-of-life day as supported and the day after as not', () => {
    expect(supportStatus('1.35.9', on('2027-02-28')).state).toBe('supported');
    expect(supportStatus('1.35.9', on('2027-03-01'))).toEqual({
      state: 'end-of-life',
      minor: 35,
      endOfLife: '2027-02-28',
      basis: 'scheduled',
    });
  });

  it('lists the supported minors of a day', () => {
    expect(supportedMinors(TODAY)).toEqual([35, 36, 37]);
    expect(supportedMinors(on('2026-06-01'))).toEqual([33, 34, 35, 36, 37]);
    expect(supportedMinors(on('2027-11-01'))).toEqual([]);
  });

  it('parses the forms kops and GKE write', () => {
    expect(parseKubernetesVersion('v1.28.3')).toEqual({ major: 1, minor: 28, patch: 3, suffix: '' });
    expect(parseKubernetesVersion('1.33.5-gke.1080000')).toEqual({
      major: 1,
      minor: 33,
      patch: 5,
      suffix: '-gke.1080000',
    });
    expect(parseKubernetesVersion('1.35')).toEqual({ major: 1, minor: 35, suffix: '' });
    expect(parseKubernetesVersion('latest')).toBeUndefined();
  });
});
