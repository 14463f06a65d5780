// SARIF 2.1.0 for GitHub code scanning (and any other SARIF viewer): one run, every rule of the
// catalogue as a reportingDescriptor with its rationale and fix as help, one result per finding.
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { explainRule } from '../docs/catalog.ts';
import type { FileResult } from '../engine/pipeline.ts';
import type { CheckResult, Finding, ParseError, Severity } from '../model.ts';
import { catalog } from '../rules/index.ts';
import type { Rule } from '../rules/types.ts';
import { VERSION } from '../version.ts';
import { type Reporter, render, splitByFile } from './stream.ts';

export const SARIF_VERSION = '2.1.0';
const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

type SarifLevel = 'error' | 'warning' | 'note';

const LEVEL: Record<Severity, SarifLevel> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
};

/**
 * GitHub ranks code-scanning alerts by this score: over 9.0 critical, 7.0–8.9 high, 4.0–6.9 medium,
 * below 4.0 low. One fixed value per ksec severity keeps the two scales aligned.
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

export interface SarifOptions {
  /** The rules to describe; every rule of a finding must be among them. Defaults to the catalogue. */
  rules?: readonly Rule[];
}

/**
 * SARIF as a stream: the run's tool (the rules of the run: the selection, or the whole catalogue)
 * first, then each file's results as the file is done, then the invocation with its notifications
 * (the input errors) at the end.
 */
export function sarifReporter(options: SarifOptions = {}): Reporter {
  // A stream describes its rules before it knows the findings: the selection of the run, or all.
  const rules = [...(options.rules ?? catalog)];
  const index = new Map(rules.map((rule, i) => [rule.id, i]));
  const errors: ParseError[] = [];
  let first = true;
  return {
    begin() {
      const tool = { driver: { name: 'ksec', semanticVersion: VERSION, rules: rules.map(ruleDescriptor) } };
      return (
        `{\n  "$schema": ${JSON.stringify(SARIF_SCHEMA_URI)},\n  "version": ${JSON.stringify(SARIF_VERSION)},\n` +
        `  "runs": [\n    {\n      "tool": ${indented(tool, 6)},\n      "columnKind": "unicodeCodePoints",\n      "results": [`
      );
    },
    file(result: FileResult) {
      errors.push(...result.errors);
      let out = '';
      const all = [
        ...result.findings.map((finding) => sarifResult(finding, index.get(finding.ruleId))),
        ...result.suppressed.map((s) => ({
          ...sarifResult(s.finding, index.get(s.finding.ruleId)),
          suppressions: [{ kind: s.kind, ...(s.reason === undefined ? {} : { justification: s.reason }) }],
        })),
      ];
      for (const item of all) {
        out += `${first ? '' : ','}\n        ${indented(item, 8)}`;
        first = false;
      }
      return out;
    },
    end() {
      const invocations = [
        {
          executionSuccessful: errors.length === 0,
          toolExecutionNotifications: errors.map((error) => ({
            level: 'error',
            message: { text: error.message },
            ...(error.file === '<stdin>'
              ? {}
              : { locations: [location(error.file, error.line, error.column)] }),
          })),
        },
      ];
      return `${first ? '' : '\n      '}],\n      "invocations": ${indented(invocations, 6)}\n    }\n  ]\n}\n`;
    },
  };
}

/** JSON of a value, pretty-printed and indented to sit `depth` spaces in. */
function indented(value: unknown, depth: number): string {
  return JSON.stringify(value, null, 2).replaceAll('\n', `\n${' '.repeat(depth)}`);
}

/** SARIF of results that are all at hand. */
export function formatSarif(result: CheckResult, options: SarifOptions = {}): string {
  const { files, summary } = splitByFile(result);
  return render(sarifReporter(options), files, summary);
}

function ruleDescriptor(rule: Rule) {
  const helpUri = rule.refs.find((ref) => /^https?:\/\//.test(ref));
  return {
    id: rule.id,
    name: rule.id
      .split('/')[1]
      ?.split('-')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join(''),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: explainRule(rule, 'text'), markdown: explainRule(rule, 'markdown') },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ['security', rule.provider],
      precision: 'high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      fixable: rule.fixable,
    },
  };
}

function sarifResult(finding: Finding, ruleIndex: number | undefined) {
  const physical =
    finding.file === '<stdin>' ? undefined : location(finding.file, finding.line, finding.column);
  return {
    ruleId: finding.ruleId,
    ...(ruleIndex === undefined ? {} : { ruleIndex }),
    level: LEVEL[finding.severity],
    message: { text: `${finding.path}: ${finding.message}` },
    locations: [
      {
        ...(physical ?? {}),
        logicalLocations: [{ fullyQualifiedName: `${finding.object}:${finding.path}`, name: finding.path }],
      },
    ],
    // Line numbers move when a spec is edited; the finding's identity (rule, file, object, path with
    // list entries named by what they hold) stays while the problem does.
    partialFingerprints: { 'ksecFinding/v2': finding.id },
    properties: {
      severity: finding.severity,
      object: finding.object,
      path: finding.path,
      document: finding.document,
      fixable: finding.fixable,
    },
  };
}

function location(file: string, line: number, column: number) {
  return {
    physicalLocation: {
      artifactLocation: artifactUri(file),
      ...(line > 0 ? { region: { startLine: line, ...(column > 0 ? { startColumn: column } : {}) } } : {}),
    },
  };
}

/** Relative paths stay relative to the checkout (%SRCROOT%), which is what code scanning maps to files. */
function artifactUri(file: string): { uri: string; uriBaseId?: string } {
  if (isAbsolute(file)) return { uri: pathToFileURL(file).href };
  const uri = file.split(/[\\/]/).map(encodeURIComponent).join('/');
  return { uri, uriBaseId: '%SRCROOT%' };
}
