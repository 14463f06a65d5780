import type { SourceDocument } from '../input/source.ts';

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

/** What a rule's check reports: one problem at one path. */
export interface Violation {
  /** Path inside the subject value (the engine prefixes the subject base). */
  path: DocPath;
  message: string;
  /** Overrides the rule's default severity for this violation (e.g. world-open vs unset). */
  severity?: Severity;
  fix?: AutoFix;
}

export interface RuleFix {
  /** A ready-to-paste snippet showing the hardened setting (YAML for specs, shell for gcloud). */
  snippet: string;
  /** Language of the snippet for docs and Markdown fences. */
  language: 'yaml' | 'shell';
  /** How to fix an existing cluster when no automatic edit exists, or what else it needs. */
  manual?: string;
}

/**
 * The hardened setting as written in one place it can live: a kops Cluster spec, a gcloud flag,
 * GKE's Cluster JSON, a pod spec. `ksec explain` and the generated docs list every place.
 */
export interface HardenedSetting {
  /** Where the setting lives, e.g. `kops Cluster spec`, `gcloud container clusters create`, `pod spec`. */
  where: string;
  language: 'yaml' | 'shell' | 'json';
  snippet: string;
}

export interface Rule {
  id: RuleId;
  provider: Provider;
  /** Default severity; the highest severity this rule reports. Config may override. */
  severity: Severity;
  /** Imperative sentence, no final period: the state we want. */
  title: string;
  /** Why the setting matters. */
  rationale: string;
  /** The kinds of subject this rule looks at. */
  targets: readonly string[];
  /** The documented path(s) the rule reads, dotted. */
  paths: readonly string[];
  /** The hardened value, as it would be written. */
  hardened: string;
  fix: RuleFix;
  /** True when `ksec diff --fix` can apply the fix automatically. */
  fixable: boolean;
  /**
   * Where to read more: documentation URLs (kops docs page, GKE docs, an upstream issue) and
   * benchmark items written as plain text, e.g. `CIS GKE 1.9.0 5.8.3`.
   */
  refs: readonly string[];
  /**
   * Every place the hardened setting can be written, when there is more than the fix snippet
   * (e.g. a gcloud flag for new clusters and one for existing clusters). Defaults to the fix snippet.
   */
  settings?: readonly HardenedSetting[];
  check(subject: Subject): Violation[];
}

/** Types a rule literal and freezes it: the engine does the rest. */
export function defineRule<const R extends Rule>(rule: R): Readonly<R> {
  return Object.freeze(rule);
}

export interface Finding {
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
  message: string;
  rationale: string;
  fixSnippet: string;
  fixable: boolean;
  /** Present when the fix can be applied automatically. */
  autoFix?: { path: DocPath; fix: AutoFix };
}

export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** True when `severity` is at or above `threshold`. */
export function atOrAbove(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}
