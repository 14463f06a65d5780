import type { RunSummary } from '../engine/pipeline.ts';
import type { CheckedObject, CheckResult, Finding, SkippedDocument } from '../model.ts';
import { atOrAbove, SEVERITIES, type Severity, severityRank } from '../model.ts';
import { printable, printableLines } from '../util/printable.ts';
import { createStyle, type Style } from '../util/style.ts';
import { visibleWidth, wrap } from '../util/wrap.ts';
import { type Reporter, render, splitByFile } from './stream.ts';

export interface TextOptions {
  color?: boolean;
  /** One line per finding: no why and fix. */
  brief?: boolean;
  /** Columns to wrap to (80 when unset); brief lines are never wrapped. */
  width?: number;
  /** The threshold the run fails at, for the verdict the summary starts with (default low). */
  failOn?: Severity | 'none';
  /** List every skipped document instead of one line that counts them by kind. */
  showSkipped?: boolean;
}

/**
 * A copy of a record with every string field made printable (`printable`), for a human-readable
 * report: names, paths, messages and file names come from the input. `lines` fields are ksec's own
 * multi-line text (a rule's fix snippet), escaped line by line.
 */
function printableRecord<T extends object>(record: T, lines: readonly (keyof T & string)[] = []): T {
  const copy = { ...record } as Record<string, unknown>;
  for (const [key, value] of Object.entries(copy)) {
    if (typeof value === 'string')
      copy[key] = (lines as readonly string[]).includes(key) ? printableLines(value) : printable(value);
  }
  return copy as T;
}

/**
 * The human report, as a stream: each file's findings as the file is done, most severe first (where,
 * what, and once per rule and file why and the fix, wrapped to the width), then the skipped documents
 * (counted by kind), the workload scores and the summary, which starts with the run's verdict. Every
 * record is made printable first, so no name or path from the input can move the cursor, clear the
 * screen or start a line of its own.
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
      const lines = [...skippedLines(skipped, style, options), ...formatScores(scored, style)];
      lines.push(...wrap(summaryLine(summary, style, options), options.width ?? 80, '', '  '));
      return `${lines.join('\n')}\n`;
    },
  };
}

/** The order of a file's findings in the report: most severe first, then by position. */
export function bySeverity(a: Finding, b: Finding): number {
  return severityRank(a.severity) - severityRank(b.severity) || a.line - b.line || a.column - b.column;
}

/** One file's findings: its name, then each finding (why and fix once per rule). Empty without findings. */
export function fileBlock(findings: readonly Finding[], style: Style, options: TextOptions): string {
  if (findings.length === 0) return '';
  const ordered = [...findings].sort(bySeverity).map((f) => printableRecord(f, ['rationale', 'fixSnippet']));
  const lines = [style.bold(ordered[0]?.file ?? '')];
  // The why is the rule's: once per rule and file. The fix is written for the object (the container,
  // where it sits): once per different snippet.
  const explained = new Set<string>();
  const fixes = new Set<string>();
  for (const finding of ordered) {
    const brief = options.brief ?? false;
    const why = !brief && !explained.has(finding.ruleId);
    const fix = !brief && !fixes.has(`${finding.ruleId}\u0000${finding.fixSnippet}`);
    explained.add(finding.ruleId);
    fixes.add(`${finding.ruleId}\u0000${finding.fixSnippet}`);
    lines.push(...formatFinding(finding, style, { why, fix }, options));
  }
  return `${lines.join('\n')}\n\n`;
}

/** The text report of results that are all at hand. */
export function formatText(result: CheckResult, options: TextOptions = {}): string {
  const { files, summary } = splitByFile(result);
  return render(textReporter(options), files, summary);
}

/** The kind a skipped document is counted under: `Service` of `Service/web` or of `v1 Service`. */
function skippedKind(skip: SkippedDocument): string {
  const named = /^([A-Za-z][\w-]*)\//.exec(skip.object);
  if (named) return named[1] as string;
  const typed = /^\S+ ([A-Za-z][\w-]*)$/.exec(skip.object);
  return typed ? (typed[1] as string) : skip.object;
}

/** One line counting the skipped documents by kind, or (--show-skipped) one line each. */
function skippedLines(skipped: readonly SkippedDocument[], style: Style, options: TextOptions): string[] {
  if (skipped.length === 0) return [];
  if (options.showSkipped) {
    return [
      ...skipped.map((skip) =>
        style.dim(`skipped ${skip.file} (document ${skip.document}): ${skip.object}: ${skip.reason}`),
      ),
      '',
    ];
  }
  const byKind = new Map<string, number>();
  for (const skip of skipped) byKind.set(skippedKind(skip), (byKind.get(skippedKind(skip)) ?? 0) + 1);
  const kinds = [...byKind].map(([kind, count]) => `${count} ${kind}`).join(', ');
  const text = `${count(skipped.length, 'document')} skipped, not checked by ksec: ${kinds} (--show-skipped lists them)`;
  return [...wrap(text, options.width ?? 80).map((line) => style.dim(line)), ''];
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
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

/** Where a finding's lines start under its header: the column of its message. */
const INDENT = ' '.repeat(11);

function formatFinding(
  finding: Finding,
  style: Style,
  explain: { why: boolean; fix: boolean },
  options: TextOptions,
): string[] {
  const label = style.severity(finding.severity, finding.severity.toUpperCase().padEnd(8));
  const where = `${finding.file}:${finding.line}:${finding.column}`;
  if (options.brief) {
    return [
      `  ${label} ${style.bold(finding.ruleId)}  ${where}  ${displayName(finding)}  ${finding.path}: ${finding.message}`,
    ];
  }
  const width = options.width ?? 80;
  const out = header(
    [`${style.bold(finding.ruleId)}`, where, style.dim(displayName(finding))],
    `  ${label} `,
    width,
  );
  out.push(...wrap(`${finding.path}: ${finding.message}`, width, INDENT));
  if (finding.expiredExemption) {
    const { until, reason } = finding.expiredExemption;
    const note = `exemption expired on ${until}${reason ? ` (${reason})` : ''}: the finding counts again`;
    out.push(...wrap(style.dim(note), width, INDENT));
  }
  if (explain.why)
    out.push(...wrap(finding.rationale, width, `${INDENT}${style.dim('why:')} `, `${INDENT}     `));
  if (explain.fix) {
    out.push(`${INDENT}${style.dim(finding.fixable ? 'fix (ksec diff --fix applies it):' : 'fix:')}`);
    // A snippet is YAML or shell to paste: never wrapped.
    for (const line of finding.fixSnippet.trimEnd().split('\n')) out.push(`${INDENT}  ${line}`);
  }
  return out;
}

/** The first line of a finding: its fields two spaces apart, a field that does not fit on the next line. */
function header(fields: readonly string[], first: string, width: number): string[] {
  const lines: string[] = [];
  let line = first;
  let fresh = true;
  for (const field of fields) {
    if (!fresh && visibleWidth(line) + 2 + visibleWidth(field) > width) {
      lines.push(line);
      line = INDENT;
      fresh = true;
    }
    line += fresh ? field : `  ${field}`;
    fresh = false;
  }
  lines.push(line);
  return lines;
}

/**
 * The last line, which says first whether the run fails and why (`8 findings, none at or above
 * critical: exit 0`, `3 findings, 2 at or above high: exit 1`, `1 input error (on stderr): exit 2`),
 * then the counts by severity, the files and documents, and the exempted findings.
 */
export function summaryLine(
  summary: RunSummary,
  style: Style = createStyle(false),
  options: TextOptions = {},
): string {
  const failOn = options.failOn ?? 'low';
  const counts = SEVERITIES.filter((s) => summary.bySeverity[s] > 0).map((s) =>
    style.severity(s, `${summary.bySeverity[s]} ${s}`),
  );
  const where = `${count(summary.files, 'file')}, ${count(summary.documents, 'document')}`;
  const exempted = summary.suppressed > 0 ? `; ${summary.suppressed} exempted` : '';
  const detail =
    counts.length > 0 ? `(${counts.join(', ')} in ${where}${exempted})` : `(${where}${exempted})`;
  const found = summary.findings === 0 ? 'no findings' : count(summary.findings, 'finding');
  // An input error is never "no findings": the unread part may hold them.
  if (summary.errors > 0 && summary.files === 0) {
    return `nothing was checked: ${count(summary.errors, 'input error')} (on stderr): exit 2`;
  }
  if (summary.errors > 0) {
    return `${count(summary.errors, 'input error')} (on stderr), ${found}: exit 2 ${detail}`;
  }
  if (summary.findings === 0) return style.ok(`no findings: exit 0 ${detail}`);
  if (failOn === 'none') return `${found}, none counted (--fail-on none): exit 0 ${detail}`;
  const failing = SEVERITIES.filter((s) => atOrAbove(s, failOn)).reduce(
    (n, s) => n + summary.bySeverity[s],
    0,
  );
  if (failing === 0) return `${found}, none at or above ${failOn}: exit 0 ${detail}`;
  return `${found}, ${failing} at or above ${failOn}: exit 1 ${detail}`;
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
