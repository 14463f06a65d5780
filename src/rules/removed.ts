import type { RuleId } from '../model.ts';

/**
 * Retired rule ids. Ids are permanent: a retired id is listed here (with its successor, if any)
 * and never reused for a different check.
 */
export const removedRules: readonly { id: RuleId; replacedBy?: RuleId; reason: string }[] = [];
