/** Levenshtein distance: the fewest single-character insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export interface NearestOptions {
  /** How many candidates to return at most. */
  limit?: number;
  /** Largest distance still worth suggesting; defaults to about a third of the input's length. */
  maxDistance?: number;
}

/**
 * The candidates closest to `input`, best first (ties in candidate order). A candidate that contains
 * the input, or is contained in it, counts as close: `explain api-access` should find
 * `kops/api-access-restricted` even though the edit distance is large.
 */
export function nearest(
  input: string,
  candidates: readonly string[],
  options: NearestOptions = {},
): string[] {
  const needle = input.toLowerCase();
  const maxDistance = options.maxDistance ?? Math.max(2, Math.ceil(needle.length / 3));
  const scored = candidates.map((candidate, index) => {
    const hay = candidate.toLowerCase();
    const tail = hay.includes('/') ? hay.slice(hay.indexOf('/') + 1) : hay;
    const distance = Math.min(editDistance(needle, hay), editDistance(needle, tail));
    const contains = needle.length >= 3 && (hay.includes(needle) || needle.includes(tail));
    return { candidate, index, distance, contains };
  });
  return scored
    .filter((s) => s.distance <= maxDistance || s.contains)
    .sort((a, b) => a.distance - b.distance || a.index - b.index)
    .slice(0, options.limit ?? 3)
    .map((s) => s.candidate);
}

/** ` Did you mean 'X'?` / ` Did you mean 'X', 'Y' or 'Z'?`, or '' when nothing is close. */
export function didYouMean(suggestions: readonly string[], options: { quote?: boolean } = {}): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map((s) => ((options.quote ?? true) ? `'${s}'` : s));
  const last = quoted.pop();
  return ` Did you mean ${quoted.length > 0 ? `${quoted.join(', ')} or ${last}` : last}?`;
}
