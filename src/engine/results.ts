// Result assembly: the order findings are reported in, the summary counts, and the merge of per-file
// results into one.
import type { CheckResult, CheckSummary, Finding, Severity } from '../model.ts';
import { SEVERITIES } from '../model.ts';

/** Report order: by file, document and position, then rule and path (a total order, so output is stable). */
export function byPosition(a: Finding, b: Finding): number {
  return (
    compareText(a.file, b.file) ||
    a.document - b.document ||
    a.line - b.line ||
    a.column - b.column ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.path, b.path)
  );
}

/** Byte order, never the locale's: the same input gives the same report everywhere. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function summarise(findings: readonly Finding[], files: number, documents: number): CheckSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) bySeverity[finding.severity]++;
  return { files, documents, findings: findings.length, bySeverity };
}

export function emptyResult(): CheckResult {
  return {
    findings: [],
    suppressed: [],
    errors: [],
    skipped: [],
    checked: [],
    subjects: [],
    summary: summarise([], 1, 0),
  };
}

export function mergeResults(results: readonly CheckResult[], files = results.length): CheckResult {
  const findings = results.flatMap((r) => r.findings);
  const documents = results.reduce((n, r) => n + r.summary.documents, 0);
  return {
    findings,
    suppressed: results.flatMap((r) => r.suppressed),
    errors: results.flatMap((r) => r.errors),
    skipped: results.flatMap((r) => r.skipped),
    checked: results.flatMap((r) => r.checked),
    subjects: results.flatMap((r) => r.subjects),
    summary: summarise(findings, files, documents),
  };
}
