// One file of a `ksec diff` run, from its text to its result: check, and with --fix, fix and check the
// fixed text again. The same function runs on the main thread and in a worker, so a result has to be
// plain data (it crosses to the main thread by structured clone), except the subjects kept for the
// GKE remediation script, which never leave the main thread.
import type { KsecConfig } from '../config/types.ts';
import type { YamlLimits } from '../input/yaml.ts';
import type {
  CheckedObject,
  CheckResult,
  Finding,
  InputFile,
  ParseError,
  SkippedDocument,
  Subject,
  SuppressedFinding,
} from '../model.ts';
import { catalog, getRule, listRules } from '../rules/index.ts';
import type { Rule } from '../rules/types.ts';
import { checkInput } from './check.ts';
import { applyFixes } from './fix.ts';
import type { SpecChange, SubjectSnapshot } from './regressions.ts';

/** What every file of a run is checked with; plain data, so a worker receives it as it is. */
export interface ProcessSettings {
  ruleIds?: string[];
  config?: KsecConfig;
  limits?: YamlLimits;
  fix: boolean;
  /** Keep a plain copy of each object (for the comparison with a baseline). */
  snapshots: boolean;
  /** Keep the subjects themselves (main thread only). */
  keepSubjects: boolean;
  /** A named file (or standard input) that holds nothing ksec checks is skipped, not an error. */
  skipUnrecognised: boolean;
}

export interface FixOutcome {
  /** Findings fixed in the text that was written (or would have been). */
  applied: number;
  /** Fixable findings left as they were, each with the reason. */
  skipped: { ruleId: string; file: string; line: number; column: number; reason: string }[];
  /** False when the write was refused or failed (its error is among the file's errors). */
  written: boolean;
}

/** The result of one file of a run. */
export interface FileResult {
  file: string;
  /** False when the file could not be read at all. */
  read: boolean;
  findings: Finding[];
  suppressed: SuppressedFinding[];
  errors: ParseError[];
  skipped: SkippedDocument[];
  checked: CheckedObject[];
  documents: number;
  /** With --fix. */
  fix?: FixOutcome;
  /** With a baseline: what this file introduces, and its security-relevant changes. */
  baseline?: { introduced: Finding[]; changes: SpecChange[] };
  /** Plain copies of the objects, while a baseline comparison needs them. */
  snapshots?: SubjectSnapshot[];
  /** The recognised objects (kept only on the main thread, for the GKE remediation script). */
  subjects?: Subject[];
}

/** A processed file: its result, and with --fix the fixed text and the result it gives once written. */
export interface Processed {
  before: FileResult;
  after?: FileResult;
  fixedText?: string;
  originalText?: string;
  /** Where the file is, to write it back. */
  path?: string;
}

let selection: { ids: string | undefined; rules: readonly Rule[] } | undefined;

/** The rules of a run, resolved once per thread. */
function rulesFor(ids: string[] | undefined): readonly Rule[] {
  const key = ids?.join('\u0000');
  if (selection?.ids !== key || !selection)
    selection = { ids: key, rules: ids ? listRules({ ids }) : catalog };
  return selection.rules;
}

export function processFile(named: InputFile, settings: ProcessSettings, path?: string): Processed {
  const input = settings.skipUnrecognised ? { ...named, explicit: false } : named;
  const options = {
    rules: rulesFor(settings.ruleIds),
    ...(settings.config ? { config: settings.config } : {}),
    ...(settings.limits ? { limits: settings.limits } : {}),
  };
  const checked = checkInput(input, options);
  const before = toFileResult(input.file, checked, settings);
  if (!settings.fix) return { before };
  if (input.file === '<stdin>' || path === undefined) {
    return { before: { ...before, fix: { applied: 0, skipped: [], written: false } } };
  }
  const fixed = applyFixes(input.text, input.file, checked.findings, options);
  const skipped = fixed.skipped.map(({ finding, reason }) => ({
    ruleId: finding.ruleId,
    file: finding.file,
    line: finding.line,
    column: finding.column,
    reason,
  }));
  if (fixed.applied.length === 0)
    return { before: { ...before, fix: { applied: 0, skipped, written: false } } };
  const again = checkInput({ ...input, text: fixed.text }, options);
  return {
    before: { ...before, fix: { applied: fixed.applied.length, skipped, written: false } },
    after: {
      ...toFileResult(input.file, again, settings),
      fix: { applied: fixed.applied.length, skipped, written: true },
    },
    fixedText: fixed.text,
    originalText: input.text,
    path,
  };
}

/** A file's result with nothing in it yet. */
export function emptyFileResult(file: string, read = true): FileResult {
  return { file, read, findings: [], suppressed: [], errors: [], skipped: [], checked: [], documents: 0 };
}

/** The result of a file that could not be read at all. */
export function unreadResult(error: ParseError): FileResult {
  return { ...emptyFileResult(error.file, false), errors: [error] };
}

/**
 * A finding as it travels: without what the catalogue holds (title, rationale, fix snippet, the edit
 * --fix has applied already), so a run of many findings copies only their own data between threads.
 * `withCatalogue` puts it back.
 */
function travelling(finding: Finding): Finding {
  const { autoFix: _autoFix, rationale: _rationale, fixSnippet, title: _title, ...own } = finding;
  // A snippet written for this object (engine/personalise.ts) is the finding's own: it travels.
  const ownSnippet = fixSnippet === getRule(finding.ruleId)?.fix.snippet ? '' : fixSnippet;
  return { ...own, title: '', rationale: '', fixSnippet: ownSnippet };
}

function withCatalogue(finding: Finding): Finding {
  if (finding.rationale !== '') return finding;
  const rule = getRule(finding.ruleId);
  if (!rule) return finding;
  const fixSnippet = finding.fixSnippet === '' ? rule.fix.snippet : finding.fixSnippet;
  return { ...finding, title: rule.title, rationale: rule.rationale, fixSnippet };
}

/** A processed file as it is posted to the main thread: its findings without the catalogue's data. */
export function forTransfer(processed: Processed): Processed {
  const light = (result: FileResult): FileResult => ({
    ...result,
    findings: result.findings.map(travelling),
    suppressed: result.suppressed.map((s) => ({ ...s, finding: travelling(s.finding) })),
  });
  return {
    ...processed,
    before: light(processed.before),
    ...(processed.after ? { after: light(processed.after) } : {}),
  };
}

/** A result from another thread, with each finding's catalogue data back. */
export function restore(result: FileResult): FileResult {
  const restoreSuppressed = (s: SuppressedFinding) => ({ ...s, finding: withCatalogue(s.finding) });
  return {
    ...result,
    findings: result.findings.map(withCatalogue),
    suppressed: result.suppressed.map(restoreSuppressed),
    ...(result.baseline
      ? { baseline: { ...result.baseline, introduced: result.baseline.introduced.map(withCatalogue) } }
      : {}),
  };
}

function toFileResult(file: string, result: CheckResult, settings: ProcessSettings): FileResult {
  return {
    file,
    read: true,
    findings: result.findings,
    suppressed: result.suppressed,
    errors: result.errors,
    skipped: result.skipped,
    checked: result.checked,
    documents: result.summary.documents,
    // A finding's autoFix path and the subjects hold nothing a report needs once fixing is done.
    ...(settings.snapshots
      ? {
          snapshots: result.subjects.map((s) => ({
            provider: s.provider,
            kind: s.kind,
            object: s.object,
            value: s.value,
          })),
        }
      : {}),
    ...(settings.keepSubjects ? { subjects: result.subjects } : {}),
  };
}
