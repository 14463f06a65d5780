import { afterAll, beforeAll, vi } from 'vitest';

/** The day the tests run on: the release table (src/versions/kubernetes-releases.ts) was read then. */
export const TEST_TODAY = '2026-12-01';

/**
 * Fixes `new Date()` for the tests of one file, so verdicts that depend on the calendar (a Kubernetes
 * minor past end of life, the default version init picks) do not change as time passes.
 */
export function useToday(day: string = TEST_TODAY): void {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(`${day}T12:00:00Z`));
  });
  afterAll(() => {
    vi.useRealTimers();
  });
}
