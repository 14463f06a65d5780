// `--format markdown`: a report for a pull-request comment. The verdict and a table by severity come
// first, then each file's findings, one collapsible entry each (what, where, why and the fix). Text
// from the input is escaped for Markdown and HTML, so a name can neither format the comment nor close
// its <details>; a fix snippet sits in a fence longer than any run of backticks in it.
import type { FileResult, RunSummary } from '../engine/pipeline.ts';
import type { Finding } from '../model.ts';
import { SEVERITIES } from '../model.ts';
import { printable } from '../util/printable.ts';
import type { Reporter } from './stream.ts';
import { bySeverity, summaryLine, type TextOptions } from './text.ts';

/** Markdown and HTML both read this text as text: no emphasis, no link, no tag, no table cell. */
function markdownText(text: string): string {
  return (
    printable(text)
      .replaceAll('&', '&amp;')
      .replaceAll('<', '&lt;')
      .replaceAll('>', '&gt;')
      // With [ and ] escaped no link can form, so ( and ) need nothing.
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
  );
}

/** A code span that shows `text` as it is, whatever backticks it holds. */
function code(text: string): string {
  const safe = printable(text);
  const longest = Math.max(0, ...[...safe.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${safe.startsWith('`') || safe.endsWith('`') ? ` ${safe} ` : safe}${fence}`;
}

function fenced(language: string, text: string): string[] {
  const body = text
    .trimEnd()
    .split('\n')
    .map((line) => printable(line));
  const longest = Math.max(2, ...body.flatMap((line) => [...line.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${language}`, ...body, fence];
}

export function markdownReporter(options: TextOptions = {}): Reporter {
  const sections: string[] = [];
  return {
    begin: () => '',
    file(result: FileResult) {
      if (result.findings.length > 0) sections.push(fileSection(result.file, result.findings));
      return '';
    },
    end(summary: RunSummary) {
      const rows = SEVERITIES.map((s) => `| ${s} | ${summary.bySeverity[s]} |`);
      const lines = [
        `### ksec: ${markdownText(summaryLine(summary, undefined, { ...options, width: Number.POSITIVE_INFINITY }))}`,
        '',
        '| severity | findings |',
        '| --- | ---: |',
        ...rows,
        ...(summary.suppressed > 0 ? [`| exempted | ${summary.suppressed} |`] : []),
        ...(summary.errors > 0 ? [`| input errors | ${summary.errors} |`] : []),
        '',
        `${summary.files} file${summary.files === 1 ? '' : 's'} checked, ${summary.documents} document${summary.documents === 1 ? '' : 's'}.`,
        '',
        ...sections,
      ];
      return `${lines.join('\n').trimEnd()}\n`;
    },
  };
}

function fileSection(file: string, findings: readonly Finding[]): string {
  const lines = [`#### ${code(file)} (${findings.length})`, ''];
  for (const finding of [...findings].sort(bySeverity)) {
    lines.push(
      '<details>',
      `<summary><b>${finding.severity.toUpperCase()}</b> ${markdownText(finding.ruleId)}: ${markdownText(finding.object)}, line ${finding.line}</summary>`,
      '',
      `${code(finding.path)}: ${markdownText(finding.message)}`,
      '',
      `**Why:** ${markdownText(finding.rationale)}`,
      '',
      `**Fix${finding.fixable ? ' (`ksec diff --fix` applies it)' : ''}:**`,
      '',
      ...fenced(finding.provider === 'gke' ? 'shell' : 'yaml', finding.fixSnippet),
      '',
      '</details>',
      '',
    );
  }
  return lines.join('\n');
}
