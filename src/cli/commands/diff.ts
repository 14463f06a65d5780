import { DEFAULT_MAX_FILE_BYTES } from '../../input/read.ts';
import type { ParseError } from '../../input/source.ts';
import { DEFAULT_YAML_LIMITS } from '../../input/yaml.ts';
import { SEVERITIES, type Severity } from '../../rules/types.ts';
import { EXIT, KsecError } from '../../util/errors.ts';
import { defineCommand } from '../command.ts';
import type { Io } from '../io.ts';

export const FAIL_ON_CHOICES = [...SEVERITIES, 'none'] as const;
export const DIFF_FORMATS = ['text', 'json', 'sarif', 'shell'] as const;

export interface DiffArgs {
  files: string[];
  format: (typeof DIFF_FORMATS)[number];
  failOn?: Severity | 'none';
  fix: boolean;
  config?: string;
  rule?: string[];
  brief: boolean;
  baseline?: string;
  skipUnrecognised: boolean;
  maxDepth: number;
  maxAliasNodes: number;
  maxFileBytes: number;
}

export const diffCommand = defineCommand<DiffArgs>({
  command: 'diff <files..>',
  describe:
    'Check kops specs, GKE clusters (gcloud describe output) and Kubernetes workloads against the hardened baseline',
  missingOperands:
    'name what to check: ksec diff FILE|DIR|- (kops specs, gcloud container clusters describe output, Kubernetes manifests; - reads standard input), e.g. ksec diff cluster.yaml',
  builder: (yargs) =>
    yargs
      .positional('files', {
        describe: 'Files or directories to check (- reads standard input)',
        type: 'string',
        array: true,
      })
      .option('format', {
        alias: 'f',
        choices: DIFF_FORMATS,
        default: 'text' as const,
        describe: 'Output format (shell: a gcloud remediation script for GKE clusters)',
      })
      .option('fail-on', {
        choices: FAIL_ON_CHOICES,
        describe:
          'Exit 1 when a finding is at or above this severity (default: low, or failOn in the config)',
      })
      .option('fix', {
        type: 'boolean',
        default: false,
        describe: 'Apply the automatic fixes in place, keeping comments',
      })
      .option('config', {
        type: 'string',
        describe: 'Config file (default: ksec.config.yaml in the working directory, if present)',
      })
      .option('rule', { type: 'string', array: true, describe: 'Only run these rule ids (repeatable)' })
      .option('brief', {
        type: 'boolean',
        default: false,
        describe: 'One line per finding: leave out why and how to fix',
      })
      .option('baseline', {
        type: 'string',
        describe:
          'Compare with an earlier version (file or directory): fail only on findings it did not have',
      })
      .option('skip-unrecognised', {
        type: 'boolean',
        default: false,
        describe:
          'Skip named files that hold nothing ksec checks instead of failing (for pre-commit and other tools that pass every changed file)',
      })
      .option('max-depth', {
        type: 'number',
        default: DEFAULT_YAML_LIMITS.maxDepth,
        describe: 'Refuse a document nested deeper than this many mappings and lists',
      })
      .option('max-alias-nodes', {
        type: 'number',
        default: DEFAULT_YAML_LIMITS.maxAliasNodes,
        describe: 'Refuse a document whose YAML aliases expand to more nodes than this',
      })
      .option('max-file-bytes', {
        type: 'number',
        default: DEFAULT_MAX_FILE_BYTES,
        describe: 'Refuse a file (or standard input) larger than this',
      })
      .group(['max-depth', 'max-alias-nodes', 'max-file-bytes'], 'Limits on hostile input:')
      .example('$0 diff examples/kops-cluster.yaml', 'Check a kops cluster spec')
      .example('kops get all -o yaml | $0 diff -', 'Check what kops has stored')
      .example(
        'gcloud container clusters describe prod --location europe-west1 --format json | $0 diff - --format shell > fix.sh',
        'GKE: write the gcloud commands that fix the findings',
      )
      .example(
        '$0 diff clusters/ --format json --fail-on high',
        'CI: fail only on high and critical findings',
      )
      .example('$0 diff clusters/ --format sarif > ksec.sarif', 'SARIF for GitHub code scanning')
      .example(
        '$0 diff cluster.yaml --baseline <(git show main:cluster.yaml)',
        'Fail only on security regressions against the main branch',
      ),
  run: async (args, io) => runDiff(args, io),
});

async function runDiff(args: DiffArgs, io: Io): Promise<number> {
  const [{ readInputs }, { checkFiles }, { loadConfig }, { listRules, unknownRuleId }] = await Promise.all([
    import('../../input/read.ts'),
    import('../../engine/evaluate.ts'),
    import('../../config/load.ts'),
    import('../../rules/index.ts'),
  ]);
  const config = await loadConfig(io.cwd, args.config);
  let rules: ReturnType<typeof listRules> | undefined;
  if (args.rule && args.rule.length > 0) {
    rules = listRules({ ids: args.rule });
    const unknown = args.rule.flatMap((id) => unknownRuleId(id) ?? []);
    if (unknown.length > 0) throw new KsecError(`--rule: ${unknown.join('; ')}`);
  }
  for (const [flag, value] of [
    ['--max-depth', args.maxDepth],
    ['--max-alias-nodes', args.maxAliasNodes],
    ['--max-file-bytes', args.maxFileBytes],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new KsecError(`${flag} must be a whole number above 0`);
  }
  const limits = { maxDepth: args.maxDepth, maxAliasNodes: args.maxAliasNodes };
  const readOptions = { cwd: io.cwd, readStdin: io.readStdin, maxBytes: args.maxFileBytes };
  const read = await readInputs(args.files, readOptions);
  if (args.skipUnrecognised) for (const input of read.inputs) input.explicit = false;
  const options = { limits, ...(rules ? { rules } : {}), ...(config ? { config } : {}) };
  let result = checkFiles(read.inputs, options);
  result = { ...result, errors: [...read.errors, ...result.errors] };

  if (args.fix) {
    const { applyFixes } = await import('../../engine/fix.ts');
    const { printable } = await import('../../util/printable.ts');
    let fixedCount = 0;
    let skippedCount = 0;
    const writeErrors: ParseError[] = [];
    for (const input of read.inputs) {
      if (input.file === '<stdin>') {
        io.stderr('ksec: --fix writes files in place; standard input is checked but not fixed\n');
        continue;
      }
      const fixed = applyFixes(input.text, input.file, result.findings, { limits });
      for (const { finding, reason } of fixed.skipped) {
        io.stderr(
          `ksec: ${finding.file}:${finding.line}:${finding.column}: ${finding.ruleId}: not fixed automatically: ${reason}\n`,
        );
      }
      skippedCount += fixed.skipped.length;
      if (fixed.applied.length === 0) continue;
      const failed = await writeFixed(io, input, fixed.text);
      if (failed) {
        writeErrors.push(failed);
        continue;
      }
      fixedCount += fixed.applied.length;
      io.stderr(
        `ksec: fixed ${fixed.applied.length} finding${fixed.applied.length === 1 ? '' : 's'} in ${printable(input.file)}\n`,
      );
      input.text = fixed.text;
    }
    if (fixedCount > 0) {
      result = checkFiles(read.inputs, options);
      result = { ...result, errors: [...read.errors, ...result.errors] };
    }
    result = { ...result, errors: [...result.errors, ...writeErrors] };
    if (
      fixedCount === 0 &&
      skippedCount === 0 &&
      writeErrors.length === 0 &&
      result.findings.some((f) => f.file !== '<stdin>')
    ) {
      // Say so, or a silent run reads as if --fix had done something.
      io.stderr(
        'ksec: nothing to fix automatically: each finding needs a value only you can choose (see its fix)\n',
      );
    }
  }

  const { shouldColor } = await import('../../report/style.ts');
  const textOptions = { color: shouldColor(io.env, io.stdoutIsTTY), brief: args.brief };
  let failing = result.findings;
  if (args.baseline !== undefined) {
    const { compareVersions } = await import('../../engine/regressions.ts');
    const before = await readInputs([args.baseline], readOptions);
    const baseline = checkFiles(
      before.inputs.map((input) => ({ ...input, explicit: false })),
      options,
    );
    if (before.errors.length > 0 || baseline.errors.length > 0) {
      const { formatErrors } = await import('../../report/text.ts');
      io.stderr(formatErrors({ errors: [...before.errors, ...baseline.errors] }));
      throw new KsecError(`cannot read the baseline ${args.baseline}`);
    }
    const report = compareVersions(baseline, result, rules ?? listRules());
    failing = report.introduced;
    if (args.format === 'json') {
      const { formatJson } = await import('../../report/json.ts');
      io.stdout(formatJson(result, report));
    } else if (args.format === 'text') {
      const { formatRegressionText } = await import('../../report/regressions.ts');
      io.stdout(formatRegressionText(result, report, textOptions));
    } else {
      // Other formats carry the regressions only, so CI annotations show what this change made worse.
      const { formatReport } = await import('../../report/index.ts');
      io.stdout(formatReport({ ...result, findings: report.introduced }, args.format, textOptions));
    }
  } else {
    const { formatReport } = await import('../../report/index.ts');
    io.stdout(formatReport(result, args.format, textOptions));
  }
  if (args.format !== 'text' || result.errors.length > 0) {
    const { formatErrors } = await import('../../report/text.ts');
    io.stderr(formatErrors(result));
  }
  if (result.errors.length > 0) return EXIT.usage;
  const failOn = args.failOn ?? config?.failOn ?? 'low';
  const { atOrAbove } = await import('../../rules/types.ts');
  if (failOn === 'none') return EXIT.ok;
  return failing.some((f) => atOrAbove(f.severity, failOn)) ? EXIT.findings : EXIT.ok;
}

/**
 * Writes one fixed file. A refused or failed write (read-only, changed on disk since it was read, a
 * full disk, …) leaves that file as it was and becomes an error for it; the other files are still fixed.
 */
async function writeFixed(
  io: Io,
  input: { file: string; text: string },
  text: string,
): Promise<ParseError | undefined> {
  const [{ rewriteFile, WriteError }, { resolve }] = await Promise.all([
    import('../../util/write.ts'),
    import('node:path'),
  ]);
  try {
    await rewriteFile(resolve(io.cwd, input.file), text, { expected: input.text });
    return undefined;
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    return {
      file: input.file,
      line: 0,
      column: 0,
      message: `not fixed: ${error.reason}`,
    };
  }
}
