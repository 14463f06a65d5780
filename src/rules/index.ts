import { gkeRules } from './gke/index.ts';
import { kopsRules } from './kops/index.ts';
import type { Provider, Rule, RuleId } from './types.ts';
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
