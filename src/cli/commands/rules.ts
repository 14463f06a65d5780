import type { RuleListFormat } from '../../docs/catalog.ts';
import { PROVIDERS, type Provider } from '../../model.ts';
import { defineCommand } from '../command.ts';

// Kept here (not imported from docs/catalog.ts) so that building the parser loads no library code.
const RULE_LIST_FORMATS = ['text', 'json', 'markdown'] as const satisfies readonly RuleListFormat[];

export interface RulesArgs {
  provider?: Provider;
  format: RuleListFormat;
}

export const rulesCommand = defineCommand<RulesArgs>({
  command: 'rules',
  describe: 'List the rule catalogue: id, severity, provider, whether --fix applies it, title',
  builder: (yargs) =>
    yargs
      .option('provider', { alias: 'p', choices: PROVIDERS, describe: 'Only the rules of this provider' })
      .option('format', {
        alias: 'f',
        choices: RULE_LIST_FORMATS,
        default: 'text' as const,
        describe: 'Output format',
      })
      .example('$0 rules', 'Every rule, one line each')
      .example('$0 rules --provider kops --format markdown', 'A Markdown table of the kops rules')
      .example('$0 rules --format json', 'The catalogue for scripts (versioned JSON)'),
  run: async (args, io) => {
    const [{ listRules }, { formatRuleList }, { shouldColor }] = await Promise.all([
      import('../../rules/index.ts'),
      import('../../docs/catalog.ts'),
      import('../../util/style.ts'),
    ]);
    const rules = listRules(args.provider ? { provider: args.provider } : {});
    io.stdout(formatRuleList(rules, args.format, { color: shouldColor(io.env, io.stdoutIsTTY) }));
    return 0;
  },
});
