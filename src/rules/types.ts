import type { Provider, RuleId, Severity, Subject, Violation } from '../model.ts';

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
