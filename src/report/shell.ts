// `--format shell`: the GKE remediation script (remediation/gke-script.ts). A script is planned for
// the clusters as a whole (the inputs it needs are asked once, at its top), so this reporter keeps
// each file's clusters and findings and writes the script at the end; GKE inputs are describe
// outputs, a few small files.
import type { FileResult } from '../engine/pipeline.ts';
import { emptyResult } from '../engine/results.ts';
import type { CheckResult } from '../model.ts';
import { formatShell } from '../remediation/gke-script.ts';
import type { Reporter } from './stream.ts';

export function shellReporter(): Reporter {
  const result: CheckResult = emptyResult();
  return {
    begin: () => '',
    file(file: FileResult) {
      result.findings.push(...file.findings);
      result.errors.push(...file.errors);
      result.subjects.push(...(file.subjects ?? []));
      return '';
    },
    end: () => formatShell(result),
  };
}
