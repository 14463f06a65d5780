import { isWorldOpen } from '../../util/cidr.ts';
import type { DocPath, Violation } from '../types.ts';

/** One violation per world-open entry of a CIDR list (`0.0.0.0/0`, `::/0`, however written). */
export function worldOpenEntries(
  list: unknown,
  path: DocPath,
): { index: number; cidr: string; path: DocPath }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, index) =>
    typeof entry === 'string' && isWorldOpen(entry) ? [{ index, cidr: entry, path: [...path, index] }] : [],
  );
}

/** Severity-less violations get the rule default; keeps call sites short. */
export function violation(path: DocPath, message: string, extra: Partial<Violation> = {}): Violation {
  return { path, message, ...extra };
}
