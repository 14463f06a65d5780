import type { RegressionReport } from '../engine/regressions.ts';
import type { CheckResult, Finding } from '../model.ts';

/** Bumped only on a breaking change of the JSON shape; additions keep the version. */
export const JSON_REPORT_VERSION = 1;

/** The machine report documented in the README (`--format json`). */
export function formatJson(result: CheckResult, regressions?: RegressionReport): string {
  const report = {
    version: JSON_REPORT_VERSION,
    findings: result.findings.map(jsonFinding),
    errors: result.errors.map((e) => ({
      file: e.file,
      line: e.line,
      column: e.column,
      ...(e.document === undefined ? {} : { document: e.document }),
      ...(e.object === undefined ? {} : { object: e.object }),
      message: e.message,
    })),
    skipped: result.skipped,
    checked: result.checked,
    summary: result.summary,
    ...(regressions
      ? {
          baseline: {
            introduced: regressions.introduced.map(jsonFinding),
            resolved: regressions.resolved.map(jsonFinding),
            changes: regressions.changes,
          },
        }
      : {}),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

function jsonFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    provider: f.provider,
    file: f.file,
    document: f.document,
    object: f.object,
    ...(f.namespace ? { namespace: f.namespace } : {}),
    path: f.path,
    line: f.line,
    column: f.column,
    message: f.message,
    fixable: f.fixable,
    title: f.title,
  };
}
