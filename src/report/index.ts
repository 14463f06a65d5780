import type { CheckResult } from '../model.ts';
import { formatShell } from '../remediation/gke-script.ts';
import { formatJson } from './json.ts';
import { formatSarif } from './sarif.ts';
import { formatText, type TextOptions } from './text.ts';

export type ReportFormat = 'text' | 'json' | 'sarif' | 'shell';

export function formatReport(result: CheckResult, format: ReportFormat, options: TextOptions = {}): string {
  switch (format) {
    case 'json':
      return formatJson(result);
    case 'sarif':
      return formatSarif(result);
    case 'text':
      return formatText(result, options);
    case 'shell':
      return formatShell(result);
  }
}
