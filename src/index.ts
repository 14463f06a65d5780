// The ksec library: everything a program needs to check, fix and describe cluster specs.
// None of it touches process, the console or prompts; the CLI is a thin layer over it.
export type { Exemption, KsecConfig } from './config/types.ts';
// The catalogue as people read it, generated docs, SARIF and snippets.
export {
  describeRef,
  EXPLAIN_FORMATS,
  type ExplainFormat,
  explainRule,
  formatRuleList,
  hardenedSettings,
  RULE_LIST_FORMATS,
  RULES_JSON_VERSION,
  type RuleListFormat,
  rulesDocument,
} from './docs/catalog.ts';
export { type GeneratedDoc, generateDocs, writeDocs } from './docs/generate.ts';
export { type CheckOptions, checkFiles, checkText } from './engine/check.ts';
export { applyFixes, type FixResult } from './engine/fix.ts';
export { findingId, stablePath } from './engine/identity.ts';
// A whole `ksec diff` run as a stream of per-file results, and the reporters that consume it.
export {
  BaselineError,
  type DiffEvent,
  type DiffOptions,
  defaultJobs,
  diff,
  type FileResult,
  type RunSummary,
} from './engine/pipeline.ts';
export { IGNORE_ANNOTATION } from './engine/policy.ts';
export { compareResults, type RegressionReport, type SpecChange } from './engine/regressions.ts';
// ksec init: answers → files (pure), the question data, and the template renderer snippets share.
export type { GkeAnswers, KopsAnswers, WorkloadAnswers } from './generate/answers.ts';
export { type GkeContext, gkeContext } from './generate/gke.ts';
export { type GeneratedFile, type Generator, generate, generators } from './generate/index.ts';
export { type KopsContext, kopsContext } from './generate/kops.ts';
export { type WorkloadContext, workloadContext } from './generate/workload.ts';
export { parseSource } from './input/source.ts';
export type { SubjectScore } from './model.ts';
// Workloads: the kinds ksec checks, the kubesec-comparable score, the opt-out annotation, k8s/ generator.
export {
  atOrAbove,
  type CheckedObject,
  type CheckResult,
  type CheckSummary,
  type DocPath,
  type Finding,
  formatPath,
  type InputFile,
  type ParseError,
  PROVIDERS,
  type Provider,
  type RuleId,
  SEVERITIES,
  type Severity,
  type SkippedDocument,
  type SourceDocument,
  type Subject,
  type Violation,
} from './model.ts';
export { gkeProvider, looksLikeGkeCluster } from './providers/gke/index.ts';
export { providers } from './providers/index.ts';
export { WORKLOAD_KINDS, type WorkloadKind } from './providers/workload/index.ts';
export {
  SCORE_RULES,
  type ScoreRule,
  scoreWorkload,
  type WorkloadScore,
} from './providers/workload/score.ts';
export { formatShell } from './remediation/gke-script.ts';
export { renderPartial, renderTemplate } from './render/handlebars.ts';
export { yamlValue } from './render/helpers.ts';
export { createReporter, formatReport, type ReporterOptions, type ReportFormat } from './report/index.ts';
export { formatJson, JSON_REPORT_VERSION } from './report/json.ts';
export { formatSarif, SARIF_VERSION } from './report/sarif.ts';
export type { Reporter } from './report/stream.ts';
export { formatText } from './report/text.ts';
export type { GcloudFlag, GkeRemediation, GkeRule, RemediationStep } from './rules/gke/_gcloud.ts';
export { catalog, getRule, listRules, type RuleFilter } from './rules/index.ts';
export type { HardenedSetting } from './rules/types.ts';
export { defineRule, type Rule } from './rules/types.ts';
export {
  EXAMPLE_ANSWERS,
  findTopic,
  formatSnippet,
  type RenderedSnippet,
  renderSnippet,
  SNIPPET_FORMATS,
  type SnippetFormat,
  type SnippetTopic,
  snippetTopics,
} from './snippets/index.ts';
export { type Cidr, isWorldOpen, parseCidr } from './util/cidr.ts';
export { KsecError } from './util/errors.ts';
export { shellQuote } from './util/shell.ts';
export {
  type Answers,
  type AskFn,
  formatAnswers,
  type Prompt,
  parseAnswers,
  type Question,
  type QuestionGroup,
  questionGroups,
  resolveAnswers,
} from './wizard/index.ts';
