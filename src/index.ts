// The ksec library: everything a program needs to check, fix and describe cluster specs.
// None of it touches process, the console or prompts; the CLI is a thin layer over it.
export type { Exemption, KsecConfig } from './config/types.ts';
export {
  type CheckOptions,
  type CheckResult,
  type CheckSummary,
  checkFiles,
  checkText,
  type InputFile,
  type SkippedDocument,
} from './engine/evaluate.ts';
export { applyFixes, type FixResult } from './engine/fix.ts';
export { compareVersions, type RegressionReport, type SpecChange } from './engine/regressions.ts';
// ksec init: answers → files (pure), the question data, and the template renderer snippets share.
export { type GkeAnswers, type GkeContext, gkeContext } from './generate/gke.ts';
export { type GeneratedFile, type Generator, generate, generators } from './generate/index.ts';
export { type KopsAnswers, type KopsContext, kopsContext } from './generate/kops.ts';
export { formatPath, type ParseError, parseSource, type SourceDocument } from './input/source.ts';
export { gkeProvider, looksLikeGkeCluster } from './providers/gke/index.ts';
export { providers } from './providers/index.ts';
export { renderPartial, renderTemplate } from './render/handlebars.ts';
export { shellQuote, yamlValue } from './render/helpers.ts';
export { formatReport, type ReportFormat } from './report/index.ts';
export { formatJson, JSON_REPORT_VERSION } from './report/json.ts';
export { formatShell } from './report/shell.ts';
export { formatText } from './report/text.ts';
export type { GcloudFlag, GkeRemediation, GkeRule, RemediationStep } from './rules/gke/_gcloud.ts';
export { catalog, getRule, listRules, type RuleFilter } from './rules/index.ts';
export {
  atOrAbove,
  type DocPath,
  defineRule,
  type Finding,
  PROVIDERS,
  type Provider,
  type Rule,
  type RuleId,
  SEVERITIES,
  type Severity,
  type Subject,
  type Violation,
} from './rules/types.ts';
export {
  findTopic,
  formatSnippet,
  renderSnippet,
  type SnippetTopic,
  snippetTopics,
} from './snippets/index.ts';
export { type Cidr, isWorldOpen, parseCidr } from './util/cidr.ts';
export { KsecError } from './util/errors.ts';
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
