// Checking: one file's text → parsed documents → recognised objects → every applicable rule → one
// result. The library's checkText/checkFiles, and what each step of `ksec diff` runs per file.
import type { KsecConfig } from '../config/types.ts';
import { type ParsedFile, parseSource } from '../input/source.ts';
import type { YamlLimits } from '../input/yaml.ts';
import type {
  CheckedObject,
  CheckResult,
  Finding,
  InputFile,
  ParseError,
  SuppressedFinding,
} from '../model.ts';
import { providers as defaultProviders } from '../providers/index.ts';
import type { ProviderModule } from '../providers/types.ts';
import { catalog } from '../rules/index.ts';
import type { Rule } from '../rules/types.ts';
import { evaluateRule } from './evaluate.ts';
import { internalMessage } from './internal.ts';
import { activeRules, IGNORE_ANNOTATION, unknownIgnoredIds } from './policy.ts';
import { at, recogniseDocuments } from './recognise.ts';
import { byPosition, emptyResult, mergeResults, summarise } from './results.ts';

export interface CheckOptions {
  rules?: readonly Rule[];
  /** Bounds on what one document may cost to read (nesting depth, alias expansion). */
  limits?: YamlLimits;
  config?: KsecConfig;
  providers?: readonly ProviderModule[];
}

/** Parses and checks every input; never throws, whatever the input: problems land in `errors`. */
export function checkFiles(inputs: readonly InputFile[], options: CheckOptions = {}): CheckResult {
  return mergeResults(
    inputs.map((input) => checkInput(input, options)),
    inputs.length,
  );
}

export function checkText(text: string, file = '<input>', options: CheckOptions = {}): CheckResult {
  return checkFiles([{ file, text, explicit: true }], options);
}

/** One file, parsed and checked; a failure anywhere in it is that file's error, never the run's. */
export function checkInput(input: InputFile, options: CheckOptions = {}): CheckResult {
  // A script handed over by mistake would give an error for every line that is not YAML: say once
  // what it is.
  if (/^\ufeff?#!/.test(input.text)) {
    const message = `a script (it starts with ${JSON.stringify(
      input.text
        .replace(/^\ufeff/, '')
        .split('\n')[0]
        ?.slice(0, 40),
    )}), not YAML or JSON`;
    return { ...emptyResult(), errors: [{ file: input.file, line: 1, column: 1, message }] };
  }
  try {
    return checkParsed(parseSource(input.text, input.file, options.limits), input, options);
  } catch (error) {
    const message = internalMessage('checking this file', error);
    return { ...emptyResult(), errors: [{ file: input.file, line: 0, column: 0, message }] };
  }
}

/** Recognises the objects of one parsed file, links neighbours, and runs every applicable rule. */
function checkParsed(parsed: ParsedFile, input: InputFile, options: CheckOptions = {}): CheckResult {
  const providers = options.providers ?? defaultProviders;
  const rules = activeRules(options.rules ?? catalog, options.config);
  const recognised = recogniseDocuments(parsed.documents, parsed.file, providers);
  const errors: ParseError[] = [...parsed.errors, ...recognised.errors];
  const { subjects, skipped } = recognised;

  if (subjects.length === 0 && input.explicit && errors.length === 0) {
    const found = skipped.map((s) => s.object).join(', ') || 'no documents';
    errors.push({
      file: parsed.file,
      line: 1,
      column: 1,
      message: `nothing ksec checks in this file (found: ${found}). ksec accepts ${providers.map((p) => p.accepts).join('; ')}`,
    });
  }

  const fileKey = input.key ?? input.file;
  const findings: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  const checked: CheckedObject[] = [];
  for (const subject of subjects) {
    for (const message of unknownIgnoredIds(subject)) {
      const where = at(subject.source, [...subject.base, 'metadata', 'annotations', IGNORE_ANNOTATION]);
      errors.push({ ...where, document: subject.source.index, object: subject.object, message });
    }
    for (const rule of rules) {
      if (rule.provider !== subject.provider || !rule.targets.includes(subject.kind)) continue;
      try {
        const evaluated = evaluateRule(rule, subject, options.config, fileKey);
        findings.push(...evaluated.findings);
        suppressed.push(...evaluated.suppressed);
      } catch (error) {
        errors.push({
          ...at(subject.source, subject.base),
          document: subject.source.index,
          object: subject.object,
          message: internalMessage(`running ${rule.id} on ${subject.object}`, error),
        });
      }
    }
    const entry: CheckedObject = {
      file: parsed.file,
      document: subject.source.index,
      object: subject.object,
      ...(subject.namespace ? { namespace: subject.namespace } : {}),
      provider: subject.provider,
    };
    try {
      const scored = providers.find((p) => p.name === subject.provider)?.score?.(subject);
      if (scored) {
        entry.score = scored.score;
        entry.scoring = { critical: scored.critical, passed: scored.passed };
      }
    } catch (error) {
      errors.push({
        ...at(subject.source, subject.base),
        document: subject.source.index,
        object: subject.object,
        message: internalMessage(`scoring ${subject.object}`, error),
      });
    }
    checked.push(entry);
  }
  findings.sort(byPosition);
  return {
    findings,
    suppressed,
    errors,
    skipped,
    checked,
    subjects,
    summary: summarise(findings, 1, parsed.documents.length),
  };
}
