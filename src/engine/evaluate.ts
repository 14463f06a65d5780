// Rule evaluation: one rule on one subject gives findings, each positioned where it is written, with
// its identity, its severity under the team's policy, and whether an exemption accepts it.
import type { KsecConfig } from '../config/types.ts';
import { positionOf } from '../input/source.ts';
import type { DocPath, Finding, Subject, SuppressedFinding, Violation } from '../model.ts';
import { formatPath } from '../model.ts';
import type { Rule } from '../rules/types.ts';
import { isoDay, today } from '../versions/support.ts';
import { findingId, stablePath } from './identity.ts';
import { personaliseSnippet } from './personalise.ts';
import { exemptionFor, severityOf } from './policy.ts';

export interface Evaluated {
  findings: Finding[];
  suppressed: SuppressedFinding[];
}

/** The findings of one rule on one subject; `fileKey` is the file as named within its operand. */
export function evaluateRule(
  rule: Rule,
  subject: Subject,
  config: KsecConfig | undefined,
  fileKey: string,
): Evaluated {
  const out: Evaluated = { findings: [], suppressed: [] };
  for (const violation of rule.check(subject)) {
    const message = formatMessage(rule, violation);
    // ESLint's linter refuses a fix from a rule whose meta does not say fixable; so does this engine,
    // so `ksec rules`, `ksec explain` and the docs can never call a rule manual that --fix changes.
    if (violation.fix && !rule.fixable) {
      throw new Error(`rule ${rule.id} proposed a fix but does not declare fixable: true`);
    }
    const fullPath: DocPath = [...subject.base, ...violation.path];
    const position = positionOf(subject.source, fullPath);
    const id = findingId({
      ruleId: rule.id,
      fileKey,
      object: subject.object,
      path: stablePath(subject.source.value, fullPath),
    });
    const finding: Finding = {
      id,
      ruleId: rule.id,
      severity: severityOf(rule, violation, config),
      provider: rule.provider,
      title: rule.title,
      file: subject.source.file,
      document: subject.source.index,
      object: subject.object,
      ...(subject.namespace ? { namespace: subject.namespace } : {}),
      path: formatPath(fullPath),
      line: position.line,
      column: position.column,
      messageId: violation.messageId,
      message,
      rationale: rule.rationale,
      fixSnippet:
        rule.fix.language === 'yaml'
          ? personaliseSnippet(rule.fix.snippet, subject, fullPath)
          : rule.fix.snippet,
      fixable: violation.fix !== undefined,
    };
    if (violation.fix) {
      finding.autoFix = {
        path: [...subject.base, ...(violation.fix.at ?? violation.path)],
        fix: violation.fix,
      };
    }
    const exempted = exemptionFor(config, rule.id, subject, id, isoDay(today()));
    if (!exempted) out.findings.push(finding);
    else if (exempted.kind === 'annotation')
      out.suppressed.push({ finding, kind: 'inSource', reason: 'ksec.io/ignore' });
    else if (exempted.kind === 'expired') {
      const { until, reason } = exempted.exemption;
      out.findings.push({
        ...finding,
        expiredExemption: { until, ...(reason === undefined ? {} : { reason }) },
      });
    } else {
      out.suppressed.push({
        finding,
        kind: 'external',
        ...(exempted.exemption.reason === undefined ? {} : { reason: exempted.exemption.reason }),
        exemption: exempted.exemption,
      });
    }
  }
  return out;
}

/**
 * The text of a violation: its message from the rule's table, each `{{name}}` replaced by the data's
 * value (inserted as is: a value is never expanded again). An unknown id or a missing value is a bug
 * in the rule, which `defineRule` already refuses to compile.
 */
export function formatMessage(rule: Pick<Rule, 'id' | 'messages'>, violation: Violation): string {
  const text = Object.hasOwn(rule.messages, violation.messageId)
    ? rule.messages[violation.messageId]
    : undefined;
  if (text === undefined) {
    throw new Error(
      `rule ${rule.id} reported message "${violation.messageId}", which is not in its messages`,
    );
  }
  return text.replace(/\{\{([^{}]*)\}\}/g, (_, name: string) => {
    const value = violation.data?.[name];
    if (value === undefined) {
      throw new Error(`rule ${rule.id} message "${violation.messageId}" needs data.${name}`);
    }
    return String(value);
  });
}
