import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real-world corpora live beside the repository (`../shared/corpus`), not in it. Under CI a missing
 * corpus is a failure, never a silent pass; on a developer machine without it the tier says it did not run.
 */
// KSEC_CORPUS_ROOT points elsewhere, e.g. from a git worktree that does not sit beside shared/.
export const CORPUS_ROOT =
  process.env.KSEC_CORPUS_ROOT ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');

export function corpusDir(name: string): string | undefined {
  const dir = join(CORPUS_ROOT, name);
  if (existsSync(dir)) return dir;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`corpus ${dir} is missing: the corpus tier cannot run (CI requires it)`);
  }
  console.warn(`corpus ${dir} is missing: the ${name} corpus tier did NOT run`);
  return undefined;
}

/** Reads a TSV with a header row into records. */
export function readTsv(text: string): Record<string, string>[] {
  const [header, ...rows] = text.trimEnd().split('\n');
  const columns = (header ?? '').split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? '']));
  });
}
