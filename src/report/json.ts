import type { FileResult, RunSummary } from '../engine/pipeline.ts';
import { emptyFileResult } from '../engine/process.ts';
import type { RegressionReport, SpecChange } from '../engine/regressions.ts';
import type {
  CheckedObject,
  CheckResult,
  Finding,
  ParseError,
  SkippedDocument,
  SuppressedFinding,
} from '../model.ts';
import { type Reporter, render, splitByFile } from './stream.ts';

/** Bumped only on a breaking change of the JSON shape; additions keep the version. */
export const JSON_REPORT_VERSION = 1;

/**
 * The machine report documented in the README (`--format json`), as a stream: the findings array is
 * written as each file is done; the smaller lists (errors, skipped, checked, suppressed) and the
 * summary close the object at the end. The result is one JSON document, whatever happens to a file.
 */
export function jsonReporter(options: { baseline?: boolean } = {}): Reporter {
  const errors: ParseError[] = [];
  const skipped: SkippedDocument[] = [];
  const checked: CheckedObject[] = [];
  const suppressed: SuppressedFinding[] = [];
  const introduced: Finding[] = [];
  const changes: SpecChange[] = [];
  let first = true;
  return {
    begin: () => `{\n  "version": ${JSON_REPORT_VERSION},\n  "findings": [`,
    file(result: FileResult) {
      errors.push(...result.errors);
      skipped.push(...result.skipped);
      checked.push(...result.checked);
      suppressed.push(...result.suppressed);
      if (result.baseline) {
        introduced.push(...result.baseline.introduced);
        changes.push(...result.baseline.changes);
      }
      let out = '';
      for (const finding of result.findings) {
        out += `${first ? '' : ','}\n    ${indented(jsonFinding(finding), 4)}`;
        first = false;
      }
      return out;
    },
    end(summary: RunSummary) {
      const tail: Record<string, unknown> = {
        errors: errors.map(jsonError),
        skipped,
        checked,
        suppressed: suppressed.map((s) => ({
          ...jsonFinding(s.finding),
          suppression: {
            kind: s.kind,
            ...(s.reason === undefined ? {} : { reason: s.reason }),
            ...(s.exemption ? { exemption: s.exemption } : {}),
          },
        })),
        summary: {
          files: summary.files,
          documents: summary.documents,
          findings: summary.findings,
          bySeverity: summary.bySeverity,
        },
      };
      if (options.baseline) {
        tail.baseline = {
          introduced: introduced.map(jsonFinding),
          resolved: (summary.baseline?.resolved ?? []).map(jsonFinding),
          changes,
        };
      }
      const rest = Object.entries(tail)
        .map(([key, value]) => `  ${JSON.stringify(key)}: ${indented(value, 2)}`)
        .join(',\n');
      return `${first ? '' : '\n  '}],\n${rest}\n}\n`;
    },
  };
}

/** JSON of a value, pretty-printed and indented to sit `depth` spaces in. */
function indented(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${' '.repeat(depth)}`);
}

/** The JSON report of results that are all at hand (with the comparison, when there is one). */
export function formatJson(result: CheckResult, regressions?: RegressionReport): string {
  const { files, summary } = splitByFile(result);
  if (regressions) {
    const first = files[0] ?? emptyFileResult('', false);
    first.baseline = { introduced: regressions.introduced, changes: regressions.changes };
    if (files.length === 0) files.push(first);
    summary.baseline = { introduced: regressions.introduced.length, resolved: regressions.resolved };
  }
  return render(jsonReporter({ baseline: regressions !== undefined }), files, summary);
}

function jsonError(e: ParseError) {
  return {
    file: e.file,
    line: e.line,
    column: e.column,
    ...(e.document === undefined ? {} : { document: e.document }),
    ...(e.object === undefined ? {} : { object: e.object }),
    message: e.message,
  };
}

function jsonFinding(f: Finding) {
  return {
    id: f.id,
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
    messageId: f.messageId,
    message: f.message,
    fixable: f.fixable,
    title: f.title,
    ...(f.expiredExemption ? { expiredExemption: f.expiredExemption } : {}),
  };
}
