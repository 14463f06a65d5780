import type { Provider, RuleId } from '../model.ts';
import { didYouMean, nearest } from '../util/suggest.ts';
import { gkeRules } from './gke/index.ts';
import { kopsRules } from './kops/index.ts';
import type { Rule } from './types.ts';
import { workloadRules } from './workload/index.ts';

/** Every rule ksec knows, in id order. One catalogue drives the checker, the generator's self-check and the docs. */
export const catalog: readonly Rule[] = [...kopsRules, ...gkeRules, ...workloadRules].sort((a, b) =>
  a.id.localeCompare(b.id),
);

const byId = new Map<string, Rule>(catalog.map((rule) => [rule.id, rule]));

export function getRule(id: string): Rule | undefined {
  return byId.get(id);
}

export interface RuleFilter {
  provider?: Provider;
  ids?: readonly string[];
}

export function listRules(filter: RuleFilter = {}): Rule[] {
  return catalog.filter(
    (rule) =>
      (!filter.provider || rule.provider === filter.provider) &&
      (!filter.ids || filter.ids.includes(rule.id)),
  );
}

export function ruleIds(): RuleId[] {
  return catalog.map((rule) => rule.id);
}

/**
 * Undefined for a rule id ksec has; otherwise what to tell the user, with the nearest ids. Wherever
 * a user names a rule (explain, --rule, the config, ksec.io/ignore), a typo must never pass silently.
 */
export function unknownRuleId(id: string): string | undefined {
  if (byId.has(id)) return undefined;
  return `unknown rule id '${id}'.${didYouMean(nearest(id, ruleIds()))} (ksec rules lists them)`;
}
