// The types that several layers share (inputs, subjects, findings, results, paths, severities), and the
// few pure functions on them. This module imports nothing of ksec's, so every layer can depend on it.
import type { Alias, Document, LineCounter, Node } from 'yaml';

export const PROVIDERS = ['kops', 'gke', 'workload'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** Ordered from most to least severe; the index is the rank. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type RuleId = `${Provider}/${string}`;

/** A step in a path through a parsed document: a mapping key or a sequence index. */
export type PathSegment = string | number;
export type DocPath = readonly PathSegment[];

/**
 * What a provider hands to a rule: one recognised object (a kops Cluster, an InstanceGroup,
 * a GKE cluster, a workload) with the plain value of its document and its neighbours in the same file.
 */
export interface Subject {
  provider: Provider;
  /** The kind the provider recognised, e.g. `Cluster`, `InstanceGroup`, `GkeCluster`, `Deployment`. */
  kind: string;
  /** Human name of the object, e.g. `Cluster/prod.example.com`. */
  object: string;
  /** `metadata.namespace` of a namespaced Kubernetes object, when the manifest sets it. */
  namespace?: string;
  /** The plain JS value of the object (the whole document, or one item of a list). */
  value: Record<string, unknown>;
  /** Where `value` sits inside its document (empty for a whole document, `['items', 2]` inside a List). */
  base: DocPath;
  source: SourceDocument;
  /** The other objects recognised in the same file (e.g. the Cluster for an InstanceGroup), by kind. */
  neighbours: Neighbours;
}

/**
 * The objects of one file, indexed by provider and kind: a rule looks up the few it needs (an
 * InstanceGroup's Cluster, a pod's ServiceAccount) instead of scanning every object of the file.
 */
export interface Neighbours {
  /** The file's objects of this provider and kind, in document order. */
  ofKind(provider: Provider, kind: string): readonly Subject[];
}

/**
 * An automatic, comment-preserving change a rule proposes. `at` defaults to the violation's path
 * (relative to the subject, like the violation path).
 */
export type AutoFix = { set: unknown; at?: DocPath } | { remove: true; at?: DocPath };

/** Values for a message's `{{placeholders}}`. */
export type MessageData = Readonly<Record<string, string | number>>;

/**
 * What a rule's check reports: one problem at one path, named by one of the rule's messages (ESLint's
 * `messageId`); the engine writes the text from the rule's message table and the data.
 */
export interface Violation {
  /** Path inside the subject value (the engine prefixes the subject base). */
  path: DocPath;
  /** The key of the rule's message that says what is wrong. */
  messageId: string;
  data?: MessageData;
  /** Overrides the rule's default severity for this violation (e.g. world-open vs unset). */
  severity?: Severity;
  fix?: AutoFix;
}

/** One YAML (or JSON) document of an input file, with what is needed to point at its lines. */
export interface SourceDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** The value kubectl would send (YAML 1.1, merge keys applied: see input/yaml.ts). */
  value: unknown;
  /** Each alias of the document and the anchored node it stands for. */
  aliases: ReadonlyMap<Alias, Node>;
}

export interface ParseError {
  file: string;
  line: number;
  column: number;
  message: string;
  /** 0-based index of the document the error is in, when it is in one. */
  document?: number;
  /** The object the error is about (`Kind/name`), when known. */
  object?: string;
}

export interface Position {
  line: number;
  column: number;
}

export interface Finding {
  /** Stable identity of the finding (engine/identity.ts): the same across runs while the problem stays. */
  id: string;
  ruleId: RuleId;
  severity: Severity;
  provider: Provider;
  title: string;
  file: string;
  /** 0-based index of the YAML document in the file. */
  document: number;
  object: string;
  /** The object's namespace, when its manifest sets one (workloads). */
  namespace?: string;
  /** Dotted path, e.g. `spec.fileAssets[0].roles`. */
  path: string;
  line: number;
  column: number;
  /** Which of the rule's messages this is: stable while the text is reworded. */
  messageId: string;
  message: string;
  rationale: string;
  fixSnippet: string;
  fixable: boolean;
  /** Present when the fix can be applied automatically. */
  autoFix?: { path: DocPath; fix: AutoFix };
  /** An exemption that would accept this finding had it not expired. */
  expiredExemption?: { until: string; reason?: string };
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

export interface InputFile {
  file: string;
  text: string;
  /**
   * The file as named within its operand, for finding identities: a path inside a walked directory,
   * or the named file's own name. Defaults to `file`.
   */
  key?: string;
  /**
   * True when the user named the file (or piped it): finding nothing to check in it is then an error.
   * Files found by walking a directory are only reported as skipped.
   */
  explicit?: boolean;
}

export interface SkippedDocument {
  file: string;
  document: number;
  object: string;
  reason: string;
}

/** A finding the team accepts (ksec.config.yaml `exemptions`). */
export interface Exemption {
  rule: string;
  /** File path prefix, relative to the working directory. */
  file?: string;
  /** Object name as reported, e.g. `Cluster/prod.example.com`. */
  object?: string;
  /** Namespace of a workload, as its manifest names it. */
  namespace?: string;
  /** One finding, by the `id` the JSON report gives it (rule, file, object and path). */
  id?: string;
  /** The last day the exemption applies (YYYY-MM-DD); after it the finding counts again. */
  until?: string;
  reason?: string;
}

/** A finding the team accepted: by an exemption in the config, or by the object's ksec.io/ignore. */
export interface SuppressedFinding {
  finding: Finding;
  /** SARIF's suppression kinds: `external` for the config, `inSource` for the annotation. */
  kind: 'external' | 'inSource';
  reason?: string;
  /** The config exemption that accepts it. */
  exemption?: Exemption;
}

export interface CheckResult {
  findings: Finding[];
  /** Findings accepted by an exemption: reported as such, never counted or failing the run. */
  suppressed: SuppressedFinding[];
  errors: ParseError[];
  skipped: SkippedDocument[];
  /** The recognised objects, for reporters that list what was checked. */
  checked: CheckedObject[];
  /** The recognised objects themselves, for comparing two versions of a spec. */
  subjects: Subject[];
  summary: CheckSummary;
}

/** One recognised object. `score` and `scoring` are set for providers that score objects (workloads). */
export interface CheckedObject {
  file: string;
  document: number;
  object: string;
  /** `metadata.namespace`, when the manifest sets it. */
  namespace?: string;
  provider: string;
  score?: number;
  scoring?: Omit<SubjectScore, 'score'>;
}

export interface CheckSummary {
  files: number;
  documents: number;
  findings: number;
  bySeverity: Record<Severity, number>;
}

/** A score and the scoring rules that matched (negative points in `critical`, positive in `passed`). */
export interface SubjectScore {
  score: number;
  critical: { id: string; points: number }[];
  passed: { id: string; points: number }[];
}

/**
 * `['spec', 'fileAssets', 0, 'roles']` → `spec.fileAssets[0].roles`;
 * `['metadata', 'annotations', 'a.b/c']` → `metadata.annotations["a.b/c"]`.
 */
export function formatPath(path: DocPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    // A key with a dot or a space (an annotation, a label) is quoted so the path stays unambiguous.
    else if (/[.\s[\]"]/.test(segment)) out += `[${JSON.stringify(segment)}]`;
    else out += out === '' ? segment : `.${segment}`;
  }
  return out;
}
