import type { RegressionReport, SpecChange } from '../engine/regressions.ts';
import type { CheckResult, Finding } from '../model.ts';
import { printable } from '../util/printable.ts';
import { createStyle } from '../util/style.ts';
import { type Reporter, render, splitByFile } from './stream.ts';
import { fileBlock, type TextOptions } from './text.ts';

/**
 * The text report of `ksec diff NEW --baseline OLD`, as a stream: each file's new findings in full
 * (the regressions) as the file is done, then the count, what was resolved, and every
 * security-relevant change between the versions.
 */
export function regressionTextReporter(options: TextOptions = {}): Reporter {
  const style = createStyle(options.color ?? false);
  const changes: SpecChange[] = [];
  let introduced = 0;
  return {
    begin: () => '',
    file(result) {
      const found = result.baseline?.introduced ?? [];
      introduced += found.length;
      changes.push(...(result.baseline?.changes ?? []));
      return fileBlock(found, style, options);
    },
    end(summary) {
      const out: string[] = [];
      out.push(
        introduced > 0
          ? style.bold(`Regressions: ${count(introduced, 'new finding')} compared with the baseline`)
          : style.ok('No regressions: nothing is weaker than in the baseline'),
        '',
      );
      const resolved = summary.baseline?.resolved ?? [];
      if (resolved.length > 0) {
        out.push(style.bold(`Resolved: ${count(resolved.length, 'finding')} of the baseline`));
        for (const finding of resolved) out.push(`  ${oneLine(finding)}`);
        out.push('');
      }
      if (changes.length > 0) {
        out.push(style.bold('Security-relevant changes'));
        for (const change of changes) out.push(`  ${describeChange(change)}`);
        out.push('');
      }
      out.push(
        `${count(introduced, 'new finding')}, ${resolved.length} resolved, ${summary.findings} in total`,
      );
      return `${out.join('\n')}\n`;
    },
  };
}

/** The regression report of results that are all at hand. */
export function formatRegressionText(
  result: CheckResult,
  report: RegressionReport,
  options: TextOptions = {},
): string {
  const { files, summary } = splitByFile(result);
  for (const file of files) {
    file.baseline = {
      introduced: report.introduced.filter((f) => f.file === file.file),
      changes: file === files[0] ? report.changes : [],
    };
  }
  summary.baseline = { introduced: report.introduced.length, resolved: report.resolved };
  return render(regressionTextReporter(options), files, summary);
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
