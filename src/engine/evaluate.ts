import type { KsecConfig } from '../config/types.ts';
import { type ParsedFile, parseSource, positionOf } from '../input/source.ts';
import type { YamlLimits } from '../input/yaml.ts';
import type { CheckedObject, CheckResult, CheckSummary, InputFile, SkippedDocument } from '../model.ts';
import {
  type DocPath,
  type Finding,
  formatPath,
  type Neighbours,
  type ParseError,
  SEVERITIES,
  type Severity,
  type SourceDocument,
  type Subject,
} from '../model.ts';
import { providers as defaultProviders } from '../providers/index.ts';
import type { ProviderModule, RecognisedSubject, Recognition } from '../providers/types.ts';
import { catalog, unknownRuleId } from '../rules/index.ts';
import type { Rule } from '../rules/types.ts';
import { isObject } from '../util/object.ts';

export interface CheckOptions {
  rules?: readonly Rule[];
  /** Bounds on what one document may cost to read (nesting depth, alias expansion). */
  limits?: YamlLimits;
  config?: KsecConfig;
  providers?: readonly ProviderModule[];
}

/** Parses and checks every input; never throws, whatever the input: problems land in `errors`. */
export function checkFiles(inputs: readonly InputFile[], options: CheckOptions = {}): CheckResult {
  const results = inputs.map((input) => checkInput(input, options));
  return mergeResults(results, inputs.length);
}

export function checkText(text: string, file = '<input>', options: CheckOptions = {}): CheckResult {
  return checkFiles([{ file, text, explicit: true }], options);
}

/** One file, parsed and checked; a failure anywhere in it is that file's error, never the run's. */
export function checkInput(input: InputFile, options: CheckOptions = {}): CheckResult {
  try {
    return checkParsed(parseSource(input.text, input.file, options.limits), input, options);
  } catch (error) {
    return {
      ...emptyResult(),
      errors: [
        { file: input.file, line: 0, column: 0, message: internalMessage('checking this file', error) },
      ],
    };
  }
}

function emptyResult(): CheckResult {
  return { findings: [], errors: [], skipped: [], checked: [], subjects: [], summary: summarise([], 1, 0) };
}

/** A bug in ksec, reported where it happened so the rest of the run goes on. */
function internalMessage(doing: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `internal error while ${doing}: ${message} (a bug in ksec: please report it with this file)`;
}

/** Recognises the objects of one parsed file, links neighbours, and runs every applicable rule. */
export function checkParsed(parsed: ParsedFile, input: InputFile, options: CheckOptions = {}): CheckResult {
  const providerList = options.providers ?? defaultProviders;
  const rules = activeRules(options.rules ?? catalog, options.config);
  const errors: ParseError[] = [...parsed.errors];
  const skipped: SkippedDocument[] = [];
  const recognised: RecognisedSubject[] = [];

  for (const source of parsed.documents) {
    let recognition: Recognition | undefined;
    try {
      recognition = firstRecognition(providerList, source);
    } catch (error) {
      errors.push({
        ...at(source, []),
        document: source.index,
        message: internalMessage('reading this document', error),
      });
      continue;
    }
    if (!recognition) {
      skipped.push({
        file: parsed.file,
        document: source.index,
        object: describe(source.value),
        reason: 'not a document ksec checks',
      });
      continue;
    }
    recognised.push(...recognition.subjects);
    for (const skip of recognition.skipped ?? []) {
      skipped.push({ file: parsed.file, document: source.index, object: skip.object, reason: skip.reason });
    }
    // An object the API server would refuse is an input error, at the offending field.
    for (const invalid of recognition.invalid ?? []) {
      errors.push({
        ...at(source, invalid.path),
        document: source.index,
        object: invalid.object,
        message: `${invalid.object}: ${formatPath(invalid.path)}: ${invalid.message}`,
      });
    }
  }

  if (recognised.length === 0 && input.explicit && errors.length === 0) {
    const found = skipped.map((s) => s.object).join(', ') || 'no documents';
    errors.push({
      file: parsed.file,
      line: 1,
      column: 1,
      message: `nothing ksec checks in this file (found: ${found}). ksec accepts ${providerList.map((p) => p.accepts).join('; ')}`,
    });
  }

  const subjects = linkNeighbours(recognised);
  for (const subject of subjects) errors.push(...unknownIgnoredIds(subject));

  const findings: Finding[] = [];
  for (const subject of subjects) {
    for (const rule of rules) {
      if (rule.provider !== subject.provider || !rule.targets.includes(subject.kind)) continue;
      try {
        findings.push(...runRule(rule, subject, options.config));
      } catch (error) {
        errors.push({
          ...at(subject.source, subject.base),
          document: subject.source.index,
          object: subject.object,
          message: internalMessage(`running ${rule.id} on ${subject.object}`, error),
        });
      }
    }
  }
  findings.sort(compareFindings);
  const checked = subjects.map((s): CheckedObject => {
    const entry: CheckedObject = {
      file: parsed.file,
      document: s.source.index,
      object: s.object,
      ...(s.namespace ? { namespace: s.namespace } : {}),
      provider: s.provider,
    };
    try {
      const scored = providerList.find((p) => p.name === s.provider)?.score?.(s);
      if (scored) {
        entry.score = scored.score;
        entry.scoring = { critical: scored.critical, passed: scored.passed };
      }
    } catch (error) {
      errors.push({
        ...at(s.source, s.base),
        document: s.source.index,
        object: s.object,
        message: internalMessage(`scoring ${s.object}`, error),
      });
    }
    return entry;
  });
  return {
    findings,
    errors,
    skipped,
    checked,
    subjects,
    summary: summarise(findings, 1, parsed.documents.length),
  };
}

/** file, line and column of a path in a document. */
function at(source: SourceDocument, path: DocPath): Pick<ParseError, 'file' | 'line' | 'column'> {
  const position = positionOf(source, path);
  return { file: source.file, line: position.line, column: position.column };
}

/**
 * Gives every object of a file one shared index of the file's objects by provider and kind, so that
 * linking costs one pass over the file, not a comparison of every object with every other.
 */
function linkNeighbours(recognised: readonly RecognisedSubject[]): Subject[] {
  const byKind = new Map<string, Subject[]>();
  const neighbours: Neighbours = { ofKind: (provider, kind) => byKind.get(`${provider}\u0000${kind}`) ?? [] };
  const subjects = recognised.map((subject): Subject => ({ ...subject, neighbours }));
  for (const subject of subjects) {
    const key = `${subject.provider}\u0000${subject.kind}`;
    const list = byKind.get(key);
    if (list) list.push(subject);
    else byKind.set(key, [subject]);
  }
  return subjects;
}

function firstRecognition(providerList: readonly ProviderModule[], source: SourceDocument) {
  for (const provider of providerList) {
    const recognition = provider.recognise(source);
    if (recognition) return recognition;
  }
  return undefined;
}

function describe(value: unknown): string {
  if (!isObject(value)) return Array.isArray(value) ? 'a YAML list' : `a ${typeof value} value`;
  const kind = typeof value.kind === 'string' ? value.kind : undefined;
  const apiVersion = typeof value.apiVersion === 'string' ? value.apiVersion : undefined;
  if (kind && apiVersion) return `${apiVersion} ${kind}`;
  if (kind) return `kind ${kind}`;
  return 'a mapping with no apiVersion/kind';
}

function activeRules(rules: readonly Rule[], config: KsecConfig | undefined): readonly Rule[] {
  const overrides = config?.rules;
  if (!overrides) return rules;
  return rules.filter((rule) => overrides[rule.id] !== 'off');
}

function runRule(rule: Rule, subject: Subject, config: KsecConfig | undefined): Finding[] {
  if (isExempt(config, rule.id, subject)) return [];
  const findings: Finding[] = [];
  for (const violation of rule.check(subject)) {
    const fullPath: DocPath = [...subject.base, ...violation.path];
    const position = positionOf(subject.source, fullPath);
    const override = config?.rules?.[rule.id];
    const severity = override && override !== 'off' ? override : (violation.severity ?? rule.severity);
    const finding: Finding = {
      ruleId: rule.id,
      severity,
      provider: rule.provider,
      title: rule.title,
      file: subject.source.file,
      document: subject.source.index,
      object: subject.object,
      ...(subject.namespace ? { namespace: subject.namespace } : {}),
      path: formatPath(fullPath),
      line: position.line,
      column: position.column,
      message: violation.message,
      rationale: rule.rationale,
      fixSnippet: rule.fix.snippet,
      fixable: violation.fix !== undefined,
    };
    if (violation.fix) {
      finding.autoFix = {
        path: [...subject.base, ...(violation.fix.at ?? violation.path)],
        fix: violation.fix,
      };
    }
    findings.push(finding);
  }
  return findings;
}

/** The annotation that opts one object out of named rules: `ksec.io/ignore: workload/a, workload/b`. */
export const IGNORE_ANNOTATION = 'ksec.io/ignore';

/** Rule ids the object's own `ksec.io/ignore` annotation opts out of. */
export function ignoredByAnnotation(subject: Subject): string[] {
  const annotations = isObject(subject.value.metadata) ? subject.value.metadata.annotations : undefined;
  const list = isObject(annotations) ? annotations[IGNORE_ANNOTATION] : undefined;
  if (typeof list !== 'string') return [];
  return list
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
}

/** A misspelt id in ksec.io/ignore would leave the author believing a rule is silenced. */
function unknownIgnoredIds(subject: Subject): ParseError[] {
  const messages = ignoredByAnnotation(subject).flatMap((id) => unknownRuleId(id) ?? []);
  if (messages.length === 0) return [];
  const where = at(subject.source, [...subject.base, 'metadata', 'annotations', IGNORE_ANNOTATION]);
  return messages.map((message) => ({
    ...where,
    document: subject.source.index,
    object: subject.object,
    message: `${subject.object}: ${IGNORE_ANNOTATION}: ${message}`,
  }));
}

function isExempt(config: KsecConfig | undefined, ruleId: string, subject: Subject): boolean {
  if (ignoredByAnnotation(subject).includes(ruleId)) return true;
  return (config?.exemptions ?? []).some(
    (exemption) =>
      (exemption.rule === '*' || exemption.rule === ruleId) &&
      (exemption.file === undefined || subject.source.file.startsWith(exemption.file)) &&
      (exemption.object === undefined || exemption.object === subject.object) &&
      (exemption.namespace === undefined || exemption.namespace === subject.namespace),
  );
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.file.localeCompare(b.file) ||
    a.document - b.document ||
    a.line - b.line ||
    a.column - b.column ||
    a.ruleId.localeCompare(b.ruleId) ||
    a.path.localeCompare(b.path)
  );
}

export function summarise(findings: readonly Finding[], files: number, documents: number): CheckSummary {
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const finding of findings) bySeverity[finding.severity]++;
  return { files, documents, findings: findings.length, bySeverity };
}

export function mergeResults(results: readonly CheckResult[], files = results.length): CheckResult {
  const findings = results.flatMap((r) => r.findings);
  const documents = results.reduce((n, r) => n + r.summary.documents, 0);
  return {
    findings,
    errors: results.flatMap((r) => r.errors),
    skipped: results.flatMap((r) => r.skipped),
    checked: results.flatMap((r) => r.checked),
    subjects: results.flatMap((r) => r.subjects),
    summary: summarise(findings, files, documents),
  };
}
