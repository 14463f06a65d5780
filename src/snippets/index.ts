// `ksec snippet`: ready-to-paste hardened settings with their reasons. The topic list is data and
// cheap to import (the CLI builds its flags from it); rendering loads the templates on demand.
import type { Provider } from '../model.ts';
import { KsecError } from '../util/errors.ts';
import { labelledBlock } from '../util/markdown.ts';
import { didYouMean, nearest } from '../util/suggest.ts';
import type { Answers, Question, QuestionGroup } from '../wizard/types.ts';
import { gkeTopics } from './gke.ts';
import { clusterSpec, kopsTopics } from './kops.ts';
import type { SnippetLanguage, SnippetTopic } from './types.ts';
import { workloadTopics } from './workload.ts';

/** Every topic of every provider. A provider adds its own list here (gke, workload…). */
export const snippetTopics: readonly SnippetTopic[] = [...kopsTopics, ...gkeTopics, ...workloadTopics];

export const SNIPPET_FORMATS = ['yaml', 'shell', 'markdown'] as const;
export type SnippetFormat = (typeof SNIPPET_FORMATS)[number];

/**
 * Values that make a snippet render when the user gives none: the documentation ranges and names
 * RFC 5737 and RFC 2606 reserve, so an unedited snippet can never point at a real network.
 * Each stands in only for an answer the user did not give and the question has no default for (the
 * region of a given zone is the default, not the example region).
 */
export const EXAMPLE_ANSWERS: Partial<Record<Provider, Answers>> = {
  kops: {
    name: 'demo.example.com',
    state: 's3://example-kops-state',
    zones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
    apiCidrs: ['203.0.113.0/24'],
  },
  gke: {
    name: 'demo',
    project: 'example-project',
    region: 'europe-west1',
    apiCidrs: ['203.0.113.0/24'],
  },
};

export function topicIds(): string[] {
  return [...new Set(snippetTopics.map((t) => t.id))];
}

/** Answer names any topic accepts as a value flag (the CLI registers one flag for each). */
export function snippetValueNames(): string[] {
  return [...new Set(snippetTopics.flatMap((t) => t.values))];
}

/** The topic for an id and (when several providers have it) a provider; KsecError otherwise. */
export function findTopic(id: string, provider?: Provider): SnippetTopic {
  const matches = snippetTopics.filter((t) => t.id === id);
  if (matches.length === 0) {
    throw new KsecError(
      `unknown snippet topic '${id}'.${suggestTopics(id)} (ksec snippet --list lists them)`,
    );
  }
  if (provider) {
    const topic = matches.find((t) => t.provider === provider);
    if (!topic) {
      throw new KsecError(
        `snippet topic '${id}' has no ${provider} version; it exists for: ${matches.map((t) => t.provider).join(', ')}`,
      );
    }
    return topic;
  }
  if (matches.length > 1) {
    throw new KsecError(
      `snippet topic '${id}' exists for several providers; choose one with --provider ${matches.map((t) => t.provider).join('|')}`,
    );
  }
  return matches[0] as SnippetTopic;
}

function suggestTopics(id: string): string {
  return didYouMean(nearest(id, topicIds()));
}

export interface RenderedPart {
  language: SnippetLanguage;
  where: string;
  text: string;
}

export interface RenderedSnippet {
  topic: SnippetTopic;
  parts: RenderedPart[];
  /** Values taken from EXAMPLE_ANSWERS because no flag gave them: the user must replace them. */
  examples: { name: string; flag: string; value: unknown }[];
}

/**
 * Resolves the topic's answers exactly as `ksec init --yes` would (given values, then the hardened
 * defaults, then the example values where a question has no default; the same validation and risk
 * confirmations) and renders it.
 */
export async function renderSnippet(topic: SnippetTopic, values: Answers = {}): Promise<RenderedSnippet> {
  const [{ defaultOf, resolveAnswers }, { allQuestions, questionGroups }] = await Promise.all([
    import('../wizard/resolve.ts'),
    import('../wizard/questions/index.ts'),
  ]);
  const only = topic.answerGroups;
  // A topic that needs only some groups resolves just those, whatever the provider.
  const topicGroups = only
    ? questionGroups.filter((g) => only.includes(g.id)).map((g) => ({ ...g, applies: () => true }))
    : questionGroups;
  const unknown = Object.keys(values).filter(
    (name) => !topic.values.includes(name) && !isRiskConfirmation(name, allQuestions()),
  );
  if (unknown.length > 0) {
    const flagOf = (name: string) => `--${allQuestions().find((q) => q.name === name)?.flag ?? name}`;
    throw new KsecError(
      `snippet ${topic.id} does not use ${unknown.map(flagOf).join(', ')}` +
        (topic.values.length > 0
          ? ` (it takes ${topic.values.map(flagOf).join(', ')})`
          : ' (it takes no values)'),
    );
  }
  const examples = EXAMPLE_ANSWERS[topic.provider] ?? {};
  const used: Answers = {};
  const withExamples = new Map<Question, Question>();
  // The example becomes the question's default where it has none for the answers so far; a question
  // shared by several groups stays one object, as the wizard expects.
  const withExample = (question: Question): Question => {
    const example = examples[question.name];
    if (example === undefined) return question;
    let wrapped = withExamples.get(question);
    if (!wrapped) {
      wrapped = {
        ...question,
        default: (answers: Answers, given: Answers) => {
          const fallback = defaultOf(question, answers, given);
          if (fallback !== undefined) return fallback;
          used[question.name] = example;
          return example;
        },
      };
      withExamples.set(question, wrapped);
    }
    return wrapped;
  };
  const groups: QuestionGroup[] = topicGroups.map((g) => ({ ...g, questions: g.questions.map(withExample) }));
  const answers = await resolveAnswers({
    flags: only ? values : { ...values, provider: topic.provider },
    interactive: false,
    groups,
  });
  const parts: RenderedPart[] = [];
  for (const part of topic.parts) {
    parts.push({ language: part.language, where: part.where, text: await part.render(answers) });
  }
  const questions = allQuestions();
  return {
    topic,
    parts,
    examples: topic.values
      .filter((name) => Object.hasOwn(used, name))
      .map((name) => ({
        name,
        flag: questions.find((q) => q.name === name)?.flag ?? name,
        value: used[name],
      })),
  };
}

function isRiskConfirmation(name: string, questions: readonly { risk?: { name: string } }[]): boolean {
  return questions.some((q) => q.risk?.name === name);
}

/**
 * A rule's template partials rendered as one spec fragment with the example values, as a topic part
 * renders them (the same answers, the same context): the text of the rule's `fix.snippet`, which
 * `npm run docs` stores in src/rules/kops/rendered-templates.json and the catalogue audit compares.
 */
export async function renderRuleTemplate(provider: Provider, partials: readonly string[]): Promise<string> {
  if (provider !== 'kops') throw new Error(`rule templates are rendered for kops only, not ${provider}`);
  const topic: SnippetTopic = {
    id: 'rule-template',
    provider,
    title: partials.join(', '),
    apply: '',
    rules: [],
    values: [],
    parts: [clusterSpec(...partials)],
  };
  const [part] = (await renderSnippet(topic)).parts;
  return part?.text ?? '';
}

/** The language a topic prints in by default: its own when all parts share one, else Markdown. */
export function defaultFormat(topic: SnippetTopic): SnippetFormat {
  const languages = new Set(topic.parts.map((p) => p.language));
  return languages.size === 1 ? (topic.parts[0]?.language ?? 'markdown') : 'markdown';
}

export interface FormatSnippetOptions {
  /** Markdown heading level of the topic (2 in docs/snippets.md). */
  headingLevel?: number;
  /** Rule title and rationale per rule id, for the explanation. */
  describeRule?: (id: string) => { title: string; rationale: string } | undefined;
}

/**
 * yaml / shell: only the parts in that language, ready to paste. markdown: a heading, why (from
 * the rules), how to apply, and each part in a fenced block with its language tag.
 */
export function formatSnippet(
  snippet: RenderedSnippet,
  format: SnippetFormat,
  options: FormatSnippetOptions = {},
): string {
  const { topic } = snippet;
  if (format !== 'markdown') {
    const parts = snippet.parts.filter((p) => p.language === format);
    if (parts.length === 0) {
      const available = [...new Set(snippet.parts.map((p) => p.language)), 'markdown'].join(', ');
      throw new KsecError(`snippet ${topic.id} has no ${format} part; use --format ${available}`);
    }
    // Several parts in one language: say where each goes, as a comment both YAML and shell accept.
    const texts = parts.map((p) =>
      parts.length > 1 ? `# ${p.where}:\n${p.text.trimEnd()}` : p.text.trimEnd(),
    );
    return `${texts.join(format === 'yaml' ? '\n---\n' : '\n\n')}\n`;
  }
  const h = '#'.repeat(options.headingLevel ?? 2);
  const out: string[] = [`${h} ${topic.provider}: ${topic.id}`, '', `**${topic.title}**`, ''];
  if (topic.why) out.push(topic.why, '');
  for (const id of topic.rules) {
    const rule = options.describeRule?.(id);
    if (rule) out.push(`${rule.rationale} (\`${id}\`)`, '');
  }
  out.push(topic.apply, '');
  for (const part of snippet.parts) {
    out.push(...labelledBlock(part.where, part.language, part.text));
  }
  if (snippet.examples.length > 0) {
    out.push(
      `Example values to replace: ${snippet.examples
        .map((e) => `${formatValue(e.value)} (\`--${e.flag}\`)`)
        .join(', ')}.`,
      '',
    );
  }
  return `${out.join('\n').trimEnd()}\n`;
}

export function formatValue(value: unknown): string {
  return Array.isArray(value) ? value.join(',') : String(value);
}

export type { SnippetLanguage, SnippetPart, SnippetTopic } from './types.ts';
