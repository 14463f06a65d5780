// Reporters consume a run as it goes: `begin` before the first file, `file` for each file's result as
// soon as it is ready (a text block, JSON array items), `end` with the run's summary. A reporter keeps
// only what its end needs (counts, skipped documents, scores), never a file's text or documents.
import type { FileResult, RunSummary } from '../engine/pipeline.ts';
import { emptyFileResult } from '../engine/process.ts';
import { summarise } from '../engine/results.ts';
import type { CheckResult } from '../model.ts';

export interface Reporter {
  begin(): string;
  file(result: FileResult): string;
  end(summary: RunSummary): string;
}

/** Runs a reporter over results that are all at hand (the library's formatX(result) functions). */
export function render(reporter: Reporter, files: readonly FileResult[], summary: RunSummary): string {
  return reporter.begin() + files.map((file) => reporter.file(file)).join('') + reporter.end(summary);
}

/**
 * A merged CheckResult as per-file results and a summary, in the order the files first appear, so
 * that formatText(checkFiles(…)) and a streamed run print the same.
 */
export function splitByFile(result: CheckResult): { files: FileResult[]; summary: RunSummary } {
  const files = new Map<string, FileResult>();
  const of = (file: string): FileResult => {
    let entry = files.get(file);
    if (!entry) {
      entry = emptyFileResult(file);
      files.set(file, entry);
    }
    return entry;
  };
  for (const finding of result.findings) of(finding.file).findings.push(finding);
  for (const suppressed of result.suppressed ?? []) of(suppressed.finding.file).suppressed.push(suppressed);
  for (const error of result.errors) of(error.file).errors.push(error);
  for (const skip of result.skipped) of(skip.file).skipped.push(skip);
  for (const checked of result.checked) of(checked.file).checked.push(checked);
  const subjects = result.subjects ?? [];
  for (const subject of subjects) {
    const entry = of(subject.source.file);
    entry.subjects = [...(entry.subjects ?? []), subject];
  }
  const counts = summarise(result.findings, result.summary.files, result.summary.documents);
  return {
    files: [...files.values()],
    summary: { ...counts, suppressed: (result.suppressed ?? []).length, errors: result.errors.length },
  };
}
