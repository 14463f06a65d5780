import type { CheckResult } from '../model.ts';
import type { Rule } from '../rules/types.ts';
import { jsonReporter } from './json.ts';
import { markdownReporter } from './markdown.ts';
import { regressionTextReporter } from './regressions.ts';
import { sarifReporter } from './sarif.ts';
import { shellReporter } from './shell.ts';
import { type Reporter, render, splitByFile } from './stream.ts';
import { type TextOptions, textReporter } from './text.ts';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'shell' | 'markdown';

export interface ReporterOptions extends TextOptions {
  /** The run compares with a baseline: the text report lists regressions, JSON adds `baseline`. */
  baseline?: boolean;
  /** The rules of the run, for SARIF's rule descriptors. */
  rules?: readonly Rule[];
}

/**
 * The reporter for a format. With a baseline, the text report shows the regressions, JSON adds its
 * `baseline` section, and SARIF and the shell script carry only the new findings (so CI annotations
 * show what a change made worse).
 */
export function createReporter(format: ReportFormat, options: ReporterOptions = {}): Reporter {
  const reporter = baseReporter(format, options);
  if (!options.baseline || format === 'json' || format === 'text') return reporter;
  // With a baseline, SARIF, Markdown and the shell script carry only the new findings.
  return {
    begin: () => reporter.begin(),
    file: (result) => reporter.file({ ...result, findings: result.baseline?.introduced ?? [] }),
    end: (summary) => reporter.end(summary),
  };
}

function baseReporter(format: ReportFormat, options: ReporterOptions): Reporter {
  switch (format) {
    case 'json':
      return jsonReporter({ ...(options.baseline ? { baseline: true } : {}) });
    case 'sarif':
      return sarifReporter(options.rules ? { rules: options.rules } : {});
    case 'text':
      return options.baseline ? regressionTextReporter(options) : textReporter(options);
    case 'shell':
      return shellReporter();
    case 'markdown':
      return markdownReporter(options);
  }
}

/** A report of results that are all at hand. */
export function formatReport(result: CheckResult, format: ReportFormat, options: TextOptions = {}): string {
  const { files, summary } = splitByFile(result);
  return render(createReporter(format, options), files, summary);
}
