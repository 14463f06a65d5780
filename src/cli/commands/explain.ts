import type { ExplainFormat } from '../../docs/catalog.ts';
import { KsecError } from '../../util/errors.ts';
import { defineCommand } from '../command.ts';

const EXPLAIN_FORMATS = ['text', 'markdown'] as const satisfies readonly ExplainFormat[];

export interface ExplainArgs {
  ruleId: string;
  format: ExplainFormat;
}

export const explainCommand = defineCommand<ExplainArgs>({
  command: 'explain <rule-id>',
  describe: 'Explain a rule: what it checks, why, the hardened setting, how to fix, references',
  missingOperands:
    'name the rule to explain, e.g. ksec explain kops/api-access-restricted (ksec rules lists every rule id)',
  builder: (yargs) =>
    yargs
      .positional('rule-id', { type: 'string', describe: 'A rule id as `ksec rules` lists it' })
      .option('format', {
        alias: 'f',
        choices: EXPLAIN_FORMATS,
        default: 'text' as const,
        describe: 'Output format',
      })
      .example('$0 explain kops/api-access-restricted', 'Why the API allowlist matters and how to set it')
      .example('$0 explain kops/audit-logging-enabled --format markdown', 'The same, ready for a runbook'),
  run: async (args, io) => {
    const [{ getRule, unknownRuleId }, { explainRule }, { shouldColor }] = await Promise.all([
      import('../../rules/index.ts'),
      import('../../docs/catalog.ts'),
      import('../../util/style.ts'),
    ]);
    const rule = getRule(args.ruleId);
    if (!rule) {
      const { removedRules } = await import('../../rules/removed.ts');
      const removed = removedRules.find((r) => r.id === args.ruleId);
      if (removed) {
        throw new KsecError(
          `rule ${removed.id} was retired: ${removed.reason}${removed.replacedBy ? ` (replaced by ${removed.replacedBy})` : ''}`,
        );
      }
      throw new KsecError(unknownRuleId(args.ruleId) ?? `unknown rule id '${args.ruleId}'`);
    }
    io.stdout(explainRule(rule, args.format, { color: shouldColor(io.env, io.stdoutIsTTY) }));
    return 0;
  },
});
