// The team's policy over the catalogue: which rules run, at which severity, and which findings are
// accepted (exemptions in ksec.config.yaml, `ksec.io/ignore` on an object). A rule says what is wrong;
// the policy says what the team does about it.
import type { Exemption, KsecConfig } from '../config/types.ts';
import type { Severity, Subject, Violation } from '../model.ts';
import { unknownRuleId } from '../rules/index.ts';
import type { Rule } from '../rules/types.ts';
import { isObject } from '../util/object.ts';

/** The annotation that opts one object out of named rules: `ksec.io/ignore: workload/a, workload/b`. */
export const IGNORE_ANNOTATION = 'ksec.io/ignore';

/** The rules the config leaves on. */
export function activeRules(rules: readonly Rule[], config: KsecConfig | undefined): readonly Rule[] {
  const overrides = config?.rules;
  if (!overrides) return rules;
  return rules.filter((rule) => overrides[rule.id] !== 'off');
}

/** The severity of one violation: the config's override, else the violation's own, else the rule's. */
export function severityOf(rule: Rule, violation: Violation, config: KsecConfig | undefined): Severity {
  const override = config?.rules?.[rule.id];
  return override && override !== 'off' ? override : (violation.severity ?? rule.severity);
}

/** Rule ids the object's own `ksec.io/ignore` annotation opts out of. */
function ignoredByAnnotation(subject: Subject): string[] {
  const annotations = isObject(subject.value.metadata) ? subject.value.metadata.annotations : undefined;
  const list = isObject(annotations) ? annotations[IGNORE_ANNOTATION] : undefined;
  if (typeof list !== 'string') return [];
  return list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** A misspelt id in ksec.io/ignore would leave the author believing a rule is silenced. */
export function unknownIgnoredIds(subject: Subject): string[] {
  return ignoredByAnnotation(subject).flatMap((id) => {
    const message = unknownRuleId(id);
    return message ? [`${subject.object}: ${IGNORE_ANNOTATION}: ${message}`] : [];
  });
}

/**
 * Why a finding is accepted: the config exemption that matches it, or the object's annotation; or an
 * exemption that matched but is past its `until` day (the finding then counts, and says so).
 */
export type Exempted =
  | { kind: 'config'; exemption: Exemption }
  | { kind: 'annotation' }
  | { kind: 'expired'; exemption: Exemption & { until: string } };

/** The exemption that accepts this rule's finding on this object, if any; `today` is YYYY-MM-DD. */
export function exemptionFor(
  config: KsecConfig | undefined,
  ruleId: string,
  subject: Subject,
  findingId: string,
  today: string,
): Exempted | undefined {
  if (ignoredByAnnotation(subject).includes(ruleId)) return { kind: 'annotation' };
  const matching = (config?.exemptions ?? []).filter(
    (e) =>
      (e.rule === '*' || e.rule === ruleId) &&
      (e.file === undefined || subject.source.file.startsWith(e.file)) &&
      (e.object === undefined || e.object === subject.object) &&
      (e.namespace === undefined || e.namespace === subject.namespace) &&
      (e.id === undefined || e.id === findingId),
  );
  const live = matching.find((e) => e.until === undefined || e.until >= today);
  if (live) return { kind: 'config', exemption: live };
  const expired = matching.find((e): e is Exemption & { until: string } => e.until !== undefined);
  return expired ? { kind: 'expired', exemption: expired } : undefined;
}
