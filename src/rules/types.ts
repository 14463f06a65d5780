import type {
  AutoFix,
  DocPath,
  MessageData,
  Provider,
  RuleId,
  Severity,
  Subject,
  Violation,
} from '../model.ts';

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
  /**
   * True when the rule proposes edits `ksec diff --fix` applies (for some of its findings at least). The
   * engine refuses a fix from a rule that does not declare it, and `defineRule` does not compile one.
   */
  fixable: boolean;
  /**
   * What the rule reports, by message id (ESLint's `meta.messages`): each violation names one and gives
   * the data for its `{{placeholders}}`; the engine writes the text. Reports and fixtures name the id.
   */
  messages: Messages;
  /** What writes the hardened value: the template partials and the `ksec snippet` topics. */
  template?: RuleTemplate;
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

/** A rule's message texts by id. */
export type Messages = Readonly<Record<string, string>>;

/**
 * What writes a rule's hardened value, as kube-linter names each check's template. The catalogue
 * audit (test/rules/catalogue-audit.test.ts) holds both to the rule.
 */
export interface RuleTemplate {
  /**
   * The template partials `ksec init` writes the setting with (`kops/api-access` is
   * templates/kops/_api-access.hbs), in order. `fix.snippet` is their rendering with the snippet example
   * values, stored by `npm run docs` in src/rules/kops/rendered-templates.json (kops rules take it with
   * `templateSnippet`): the audit renders them again and compares.
   */
  partials?: readonly string[];
  /** The `ksec snippet` topics, of the rule's provider, that print the setting with your values. */
  topics?: readonly string[];
}

/**
 * The names of a message's `{{placeholders}}`: `'{{a}} and {{b}}'` gives `'a' | 'b'`. A text whose type
 * is only `string` (built at run time) gives `string`.
 */
export type Placeholders<T extends string> = string extends T
  ? string
  : T extends `${string}{{${infer Name}}}${infer Rest}`
    ? Name | Placeholders<Rest>
    : never;

type DataFor<T extends string> = string extends T
  ? { data?: MessageData }
  : [Placeholders<T>] extends [never]
    ? { data?: undefined }
    : { data: Readonly<Record<Placeholders<T>, string | number>> };

/**
 * A violation as a rule with these messages may report it: one of its message ids with the data that
 * message's text needs, and a fix only when the rule is fixable (`F` true).
 */
export type RuleViolation<M extends Messages, F extends boolean = boolean> = {
  [K in keyof M & string]: { path: DocPath; messageId: K; severity?: Severity } & DataFor<M[K]> &
    (F extends true ? { fix?: AutoFix } : { fix?: undefined });
}[keyof M & string];

/** A rule literal, typed by its messages and whether it is fixable. */
export type RuleDefinition<M extends Messages, F extends boolean> = Omit<
  Rule,
  'messages' | 'fixable' | 'check'
> & {
  messages: M;
  fixable: F;
  check(subject: Subject): RuleViolation<M, F>[];
};

/**
 * Types a rule literal and freezes it: the engine does the rest. A violation must name one of the
 * rule's messages with the data its text needs, and carry a fix only when the rule says `fixable: true`.
 */
export function defineRule<const M extends Messages, const F extends boolean>(
  rule: RuleDefinition<M, F>,
): Readonly<Rule> {
  return Object.freeze(rule);
}
