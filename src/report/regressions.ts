import type { RegressionReport, SpecChange } from '../engine/regressions.ts';
import type { CheckResult, Finding } from '../model.ts';
import { printable } from '../util/printable.ts';
import { createStyle } from '../util/style.ts';
import { formatText, type TextOptions } from './text.ts';

/**
 * The text report of `ksec diff NEW --baseline OLD`: the new findings in full (the regressions),
 * then what was resolved, then every security-relevant change between the versions.
 */
export function formatRegressionText(
  result: CheckResult,
  report: RegressionReport,
  options: TextOptions = {},
): string {
  const style = createStyle(options.color ?? false);
  const out: string[] = [];
  const introduced = { ...result, findings: report.introduced, skipped: [] };
  if (report.introduced.length > 0) {
    out.push(
      style.bold(`Regressions: ${count(report.introduced.length, 'new finding')} compared with the baseline`),
      '',
    );
    out.push(
      formatText(introduced, options)
        .replace(/\n[^\n]*\n$/, '\n')
        .trimEnd(),
      '',
    );
  } else {
    out.push(style.ok('No regressions: nothing is weaker than in the baseline'), '');
  }
  if (report.resolved.length > 0) {
    out.push(style.bold(`Resolved: ${count(report.resolved.length, 'finding')} of the baseline`));
    for (const finding of report.resolved) out.push(`  ${oneLine(finding)}`);
    out.push('');
  }
  if (report.changes.length > 0) {
    out.push(style.bold('Security-relevant changes'));
    for (const change of report.changes) out.push(`  ${describeChange(change)}`);
    out.push('');
  }
  out.push(
    `${count(report.introduced.length, 'new finding')}, ${report.resolved.length} resolved, ${result.summary.findings} in total`,
  );
  return `${out.join('\n')}\n`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** One line per resolved finding; names, paths and messages from the input are made printable. */
function oneLine(finding: Finding): string {
  return printable(
    `${finding.severity.toUpperCase().padEnd(8)} ${finding.ruleId}  ${finding.object}  ${finding.path}: ${finding.message}`,
  );
}

function show(value: unknown): string {
  return value === undefined ? '(unset)' : JSON.stringify(value);
}

/** One line per change; values are JSON, and the line is made printable (JSON leaves C1 and bidi controls raw). */
export function describeChange(change: SpecChange): string {
  const sign = change.change === 'added' ? '+' : change.change === 'removed' ? '-' : '~';
  const values =
    change.change === 'added'
      ? show(change.after)
      : change.change === 'removed'
        ? show(change.before)
        : `${show(change.before)} -> ${show(change.after)}`;
  return printable(`${sign} ${change.object} ${change.path}: ${values}  (${change.ruleIds.join(', ')})`);
}
