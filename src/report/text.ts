import type { CheckResult } from '../model.ts';
import { type Finding, SEVERITIES } from '../model.ts';
import { printable, printableLines } from '../util/printable.ts';
import { createStyle, type Style } from '../util/style.ts';

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
 * The human report: findings grouped by file, each with location, path, what, why and the fix.
 * Every record is made printable first, so no name or path from the input can move the cursor,
 * clear the screen or start a line of its own.
 */
export function formatText(input: CheckResult, options: TextOptions = {}): string {
  const result: CheckResult = {
    ...input,
    findings: input.findings.map((f) => printableRecord(f, ['rationale', 'fixSnippet'])),
    skipped: input.skipped.map((s) => printableRecord(s)),
    checked: input.checked.map((c) => printableRecord(c)),
  };
  const style = createStyle(options.color ?? false);
  const lines: string[] = [];
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) {
    const list = byFile.get(finding.file) ?? [];
    list.push(finding);
    byFile.set(finding.file, list);
  }
  for (const [file, findings] of byFile) {
    lines.push(style.bold(file));
    // The why and the fix are the rule's; print them once per rule and file, not per finding.
    const explained = new Set<string>();
    for (const finding of findings) {
      const explain = !(options.brief ?? false) && !explained.has(finding.ruleId);
      explained.add(finding.ruleId);
      lines.push(...formatFinding(finding, style, explain));
    }
    lines.push('');
  }
  for (const skip of result.skipped) {
    lines.push(style.dim(`skipped ${skip.file} (document ${skip.document}): ${skip.object}: ${skip.reason}`));
  }
  if (result.skipped.length > 0) lines.push('');
  lines.push(...formatScores(result, style));
  lines.push(summaryLine(result, style));
  return `${lines.join('\n')}\n`;
}

/** One line per scored object (workloads): kubesec-comparable points and the rules that cost points. */
function formatScores(result: CheckResult, style: Style): string[] {
  const scored = result.checked.filter((c) => c.score !== undefined);
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

export function summaryLine(result: CheckResult, style: Style = createStyle(false)): string {
  const { summary } = result;
  const files = `${summary.files} file${summary.files === 1 ? '' : 's'}`;
  const documents = `${summary.documents} document${summary.documents === 1 ? '' : 's'}`;
  // An input error is never "no findings": the unread part may hold them.
  const errors = result.errors.length;
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
