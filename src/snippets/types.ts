import type { Provider, RuleId } from '../model.ts';
import type { Answers } from '../wizard/types.ts';

export const SNIPPET_LANGUAGES = ['yaml', 'shell'] as const;
export type SnippetLanguage = (typeof SNIPPET_LANGUAGES)[number];

/** One block of a snippet: a spec fragment or a few commands. */
export interface SnippetPart {
  language: SnippetLanguage;
  /** Where it goes, e.g. `kops Cluster spec`, `kops InstanceGroup spec`, `shell`. */
  where: string;
  /**
   * Renders the part from the wizard's answers with the SAME templates and partials `ksec init`
   * uses (a snippet is never a second copy of a setting). Async so that the template engine is
   * loaded only when a snippet is rendered.
   */
  render: (answers: Answers) => Promise<string>;
}

/**
 * A ready-to-paste snippet for one topic on one provider. Topics are data: adding one is a new entry
 * in a provider's list (src/snippets/<provider>.ts) that renders existing template partials.
 */
export interface SnippetTopic {
  /** Kebab-case topic name, e.g. `api-access`; the same topic may exist for several providers. */
  id: string;
  provider: Provider;
  /** What the snippet sets, as a heading. */
  title: string;
  /** How to apply it, one or two sentences. */
  apply: string;
  /**
   * The rules the snippet satisfies; their rationale is the snippet's explanation. Each of them names
   * the topic in its `template.topics` (the rule data is what `ksec explain` reads); the catalogue
   * audit checks that the two lists agree. Kept here so that loading the topics loads no rule.
   */
  rules: readonly RuleId[];
  /** Why it matters, for topics no rule checks (their templates' subject is not a checked kind). */
  why?: string;
  /**
   * The wizard question groups whose answers the snippet needs (e.g. `workload`); without it, every group
   * that applies to the provider, as `ksec init` resolves them.
   */
  answerGroups?: readonly string[];
  /** Answer names (wizard questions) whose flags change the snippet, e.g. `apiCidrs` (--api-cidr). */
  values: readonly string[];
  parts: readonly SnippetPart[];
}
