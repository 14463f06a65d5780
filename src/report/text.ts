import type { RunSummary } from '../engine/pipeline.ts';
import type { CheckedObject, CheckResult, Finding, SkippedDocument } from '../model.ts';
import { SEVERITIES } from '../model.ts';
import { printable, printableLines } from '../util/printable.ts';
import { createStyle, type Style } from '../util/style.ts';
import { type Reporter, render, splitByFile } from './stream.ts';

export interface TextOptions {
  color?: boolean;
  /** Leave out the rationale and fix of each finding (one block per finding otherwise). */
  brief?: boolean;
}

/**
 * A copy of a record with every string field made printable (`printable`), for a human-readable
 * report: names, paths, messages and file names come from the input. `lines` fields are ksec's own
 * multi-line text (a rule's fix snippet), escaped line by line.
 */
export function printableRecord<T extends object>(record: T, lines: readonly (keyof T & string)[] = []): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === 'string')
      copy[key] = (lines as readonly string[]).includes(key) ? printableLines(value) : printable(value);
  }
  return copy as T;
}

/**
 * The human report, as a stream: each file's findings as the file is done (location, path, what, and
 * once per rule and file why and the fix), then the skipped documents, the workload scores and the
 * summary line. Every record is made printable first, so no name or path from the input can move the
 * cursor, clear the screen or start a line of its own.
 */
export function textReporter(options: TextOptions = {}): Reporter {
  const style = createStyle(options.color ?? false);
  const skipped: SkippedDocument[] = [];
  const scored: CheckedObject[] = [];
  return {
    begin: () => '',
    file(result) {
      skipped.push(...result.skipped.map((s) => printableRecord(s)));
      scored.push(...result.checked.filter((c) => c.score !== undefined).map((c) => printableRecord(c)));
      return fileBlock(result.findings, style, options);
    },
    end(summary) {
      const lines: string[] = [];
      for (const skip of skipped) {
        lines.push(
          style.dim(`skipped ${skip.file} (document ${skip.document}): ${skip.object}: ${skip.reason}`),
        );
      }
      if (skipped.length > 0) lines.push('');
      lines.push(...formatScores(scored, style));
      lines.push(summaryLine(summary, style));
      return `${lines.join('\n')}\n`;
    },
  };
}

/** One file's findings: its name, then each finding (why and fix once per rule). Empty without findings. */
export function fileBlock(findings: readonly Finding[], style: Style, options: TextOptions): string {
  if (findings.length === 0) return '';
  const printableFindings = findings.map((f) => printableRecord(f, ['rationale', 'fixSnippet']));
  const lines = [style.bold(printableFindings[0]?.file ?? '')];
  // The why and the fix are the rule's; print them once per rule and file, not per finding.
  const explained = new Set<string>();
  for (const finding of printableFindings) {
    const explain = !(options.brief ?? false) && !explained.has(finding.ruleId);
    explained.add(finding.ruleId);
    lines.push(...formatFinding(finding, style, explain));
  }
  return `${lines.join('\n')}\n\n`;
}

/** The text report of results that are all at hand. */
export function formatText(result: CheckResult, options: TextOptions = {}): string {
  const { files, summary } = splitByFile(result);
  return render(textReporter(options), files, summary);
}

/** One line per scored object (workloads): kubesec-comparable points and the rules that cost points. */
function formatScores(scored: readonly CheckedObject[], style: Style): string[] {
  if (scored.length === 0) return [];
  const width = Math.max(...scored.map((c) => String(c.score).length));
  const lines = [style.bold('workload scores (kubesec points, higher is better):')];
  for (const c of scored) {
    const score = c.score ?? 0;
    const points = String(score).padStart(width);
    const shown = score < 0 ? style.severity('critical', points) : score > 0 ? style.ok(points) : points;
    const lost = (c.scoring?.critical ?? []).map((l) => `${l.id} ${l.points}`).join(', ');
    lines.push(`  ${shown}  ${displayName(c)}  ${style.dim(`${c.file}${lost ? `  (${lost})` : ''}`)}`);
  }
  lines.push('');
  return lines;
}

/** `Deployment/web`, or `Deployment/web in shop` when the manifest names its namespace. */
function displayName(object: { object: string; namespace?: string }): string {
  return object.namespace ? `${object.object} in ${object.namespace}` : object.object;
}

function formatFinding(finding: Finding, style: Style, explain: boolean): string[] {
  const label = style.severity(finding.severity, finding.severity.toUpperCase().padEnd(8));
  const out = [
    `  ${label} ${style.bold(finding.ruleId)}  ${finding.file}:${finding.line}:${finding.column}  ${style.dim(displayName(finding))}`,
    `           ${finding.path}: ${finding.message}`,
  ];
  if (explain) {
    out.push(`           ${style.dim('why:')} ${finding.rationale}`);
    out.push(`           ${style.dim(finding.fixable ? 'fix (ksec diff --fix applies it):' : 'fix:')}`);
    for (const line of finding.fixSnippet.trimEnd().split('\n')) out.push(`             ${line}`);
  }
  return out;
}

export function summaryLine(summary: RunSummary, style: Style = createStyle(false)): string {
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'}`;
  const documents = `${summary.documents} document${summary.documents === 1 ? '' : 's'}`;
  // An input error is never "no findings": the unread part may hold them.
  const errors = summary.errors;
  const unread = errors > 0 ? `; ${errors} input error${errors === 1 ? '' : 's'} (on stderr)` : '';
  if (summary.findings === 0) {
    const line = `no findings in ${files} (${documents})${unread}`;
    return errors > 0 ? line : style.ok(line);
  }
  const counts = SEVERITIES.filter((s) => summary.bySeverity[s] > 0)
    .map((s) => style.severity(s, `${summary.bySeverity[s]} ${s}`))
    .join(', ');
  return `${summary.findings} finding${summary.findings === 1 ? '' : 's'} (${counts}) in ${files} (${documents})${unread}`;
}

/** `file:line:column: message` lines for parse and input errors (printed on stderr). */
export function formatErrors(result: Pick<CheckResult, 'errors'>): string {
  return result.errors
    .map((e) => printableRecord(e))
    .map((e) =>
      e.line > 0 ? `${e.file}:${e.line}:${e.column}: error: ${e.message}` : `${e.file}: error: ${e.message}`,
    )
    .map((line) => `ksec: ${line}\n`)
    .join('');
}
