import type { Argv } from 'yargs';
import { PROVIDERS, type Provider } from '../../model.ts';
import { SNIPPET_FORMATS, type SnippetFormat, snippetValueNames } from '../../snippets/index.ts';
import { KsecError } from '../../util/errors.ts';
import { flagAnswers, listedFlags, questionOptions } from '../../wizard/flags.ts';
import { allQuestions } from '../../wizard/questions/index.ts';
import type { Question } from '../../wizard/types.ts';
import { defineCommand } from '../command.ts';
import type { Io } from '../io.ts';

export interface SnippetArgs {
  topic?: string;
  list: boolean;
  provider?: Provider;
  format?: SnippetFormat;
  [flag: string]: unknown;
}

/** The wizard questions whose flags change some snippet: the same flags, checks and defaults as init. */
function valueQuestions(): Question[] {
  const names = new Set(snippetValueNames());
  return allQuestions().filter((question) => names.has(question.name));
}

/** The value flags, exactly as init declares them, in one help group. */
function valueOptions(yargs: Argv): Argv {
  const questions = valueQuestions();
  return questionOptions(yargs, questions).group(listedFlags(questions), 'Values (as in ksec init):');
}

export const snippetCommand = defineCommand<SnippetArgs>({
  command: 'snippet [topic]',
  describe:
    'Print a ready-to-paste hardened setting (kops or Kubernetes YAML, shell) for a runbook or a spec',
  builder: (yargs) =>
    valueOptions(
      yargs
        .positional('topic', { type: 'string', describe: 'The topic, as `ksec snippet --list` lists it' })
        .option('list', { alias: 'l', type: 'boolean', default: false, describe: 'List the topics' })
        .option('provider', {
          alias: 'p',
          choices: PROVIDERS,
          describe: 'The provider, when a topic has several',
        })
        .option('format', {
          alias: 'f',
          choices: SNIPPET_FORMATS,
          describe: "Output format (default: the topic's language; markdown when it mixes YAML and commands)",
        }),
    )
      .example('$0 snippet --list', 'Every topic')
      .example(
        '$0 snippet api-access --api-cidr 198.51.100.0/24',
        'The API allowlist for a kops Cluster spec',
      )
      .example('$0 snippet audit-logging --format markdown', 'Audit logging, explained, for a runbook')
      .epilogue(
        "A value not given takes ksec init's default; where init would require one, the snippet uses an example value from the documentation ranges and says so on stderr.",
      ),
  run: async (args, io) => runSnippet(args, io),
});

async function runSnippet(args: SnippetArgs, io: Io): Promise<number> {
  const snippets = await import('../../snippets/index.ts');
  if (args.list) {
    if (args.topic !== undefined) throw new KsecError('--list takes no topic');
    const { createStyle, shouldColor } = await import('../../util/style.ts');
    const style = createStyle(shouldColor(io.env, io.stdoutIsTTY));
    const topics = snippets.snippetTopics.filter((t) => !args.provider || t.provider === args.provider);
    const width = Math.max(0, ...topics.map((t) => t.id.length));
    for (const topic of topics) {
      const languages = [...new Set(topic.parts.map((p) => p.language))].join('+');
      io.stdout(
        `${style.bold(topic.id.padEnd(width))}  ${topic.provider.padEnd(8)} ${languages.padEnd(10)} ${topic.title}\n`,
      );
    }
    return 0;
  }
  if (args.topic === undefined) {
    throw new KsecError(`name a topic: ksec snippet TOPIC (topics: ${snippets.topicIds().join(', ')})`);
  }
  const topic = snippets.findTopic(args.topic, args.provider);
  const rendered = await snippets.renderSnippet(topic, flagAnswers(args, valueQuestions()));
  const format = args.format ?? snippets.defaultFormat(topic);
  const { getRule } = await import('../../rules/index.ts');
  io.stdout(snippets.formatSnippet(rendered, format, { describeRule: getRule }));
  if (format !== 'markdown') {
    for (const example of rendered.examples) {
      io.stderr(
        `ksec: note: ${snippets.formatValue(example.value)} is an example value; give yours with --${example.flag}\n`,
      );
    }
  }
  return 0;
}
