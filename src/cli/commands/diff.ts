import { DEFAULT_MAX_FILE_BYTES, STDIN_OPERAND } from '../../input/read.ts';
import { DEFAULT_YAML_LIMITS } from '../../input/yaml.ts';
import type { ParseError } from '../../model.ts';
import { atOrAbove, SEVERITIES, type Severity } from '../../model.ts';
import { EXIT, KsecError } from '../../util/errors.ts';
import { printable } from '../../util/printable.ts';
import { terminalWidth } from '../../util/wrap.ts';
import { defineCommand } from '../command.ts';
import type { Io } from '../io.ts';

const FAIL_ON_CHOICES = [...SEVERITIES, 'none'] as const;
const DIFF_FORMATS = ['text', 'json', 'sarif', 'shell', 'markdown'] as const;

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
  jobs?: number;
  showSkipped: boolean;
  dryRun: boolean;
  output?: string;
  force: boolean;
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
      .option('dry-run', {
        type: 'boolean',
        default: false,
        describe:
          'With --fix: print a unified diff of what it would change (to the --output file if given), and change nothing',
      })
      .option('output', {
        alias: 'o',
        type: 'string',
        describe:
          'Write the report (with --fix --dry-run, the patch) to this file, atomically when the run ends, instead of standard output',
      })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Replace the --output file if it exists',
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
      .option('show-skipped', {
        type: 'boolean',
        default: false,
        describe: 'List every document ksec skipped (by default one line counts them by kind)',
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
      .option('jobs', {
        alias: 'j',
        type: 'number',
        describe: 'Worker threads for many files (default: the number of cores; a few files use one)',
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

/**
 * Maps the arguments to a library run (engine/pipeline.ts `diff`) and writes what it yields: each
 * file's report as it is done, its errors and fix notes on stderr, the end of the report, and the exit
 * code. It decides nothing about checking, fixing or comparing.
 */
async function runDiff(args: DiffArgs, io: Io): Promise<number> {
  const [
    { diff, BaselineError },
    { loadConfig },
    { listRules, unknownRuleId },
    { createReporter },
    text,
    style,
  ] = await Promise.all([
    import('../../engine/pipeline.ts'),
    import('../../config/load.ts'),
    import('../../rules/index.ts'),
    import('../../report/index.ts'),
    import('../../report/text.ts'),
    import('../../util/style.ts'),
  ]);
  const config = await loadConfig(io.cwd, args.config);
  const selected = args.rule && args.rule.length > 0 ? args.rule : undefined;
  if (selected) {
    const unknown = selected.flatMap((id) => unknownRuleId(id) ?? []);
    if (unknown.length > 0) throw new KsecError(`--rule: ${unknown.join('; ')}`);
  }
  for (const [flag, value] of [
    ['--max-depth', args.maxDepth],
    ['--max-alias-nodes', args.maxAliasNodes],
    ['--max-file-bytes', args.maxFileBytes],
    ['--jobs', args.jobs ?? 1],
  ] as const) {
    if (!Number.isSafeInteger(value) || value < 1)
      throw new KsecError(`${flag} must be a whole number above 0`);
  }
  const failOn = args.failOn ?? config?.failOn ?? 'low';
  const reporter = createReporter(args.format, {
    color: style.shouldColor(io.env, io.stdoutIsTTY),
    brief: args.brief,
    width: terminalWidth(io.columns, io.env),
    failOn,
    showSkipped: args.showSkipped,
    baseline: args.baseline !== undefined,
    ...(selected ? { rules: listRules({ ids: selected }) } : {}),
  });
  if (args.dryRun && !args.fix)
    throw new KsecError('--dry-run goes with --fix: ksec diff FILE --fix --dry-run');
  const output = await outputTarget(io, args.output, args.force);
  // With --output the report is kept until the run ends, then written in one atomic step.
  const report: string[] = [];
  const emit = output ? (chunk: string) => void report.push(chunk) : io.stdout;
  // With --dry-run the output (stdout or --output) is a unified diff of the fixes (`git apply`,
  // `patch -p1` take it), and nothing else: no report, no spec written.
  const dryRun = args.fix && args.dryRun;
  const patches: string[] = [];
  const progress = progressLine(io);
  if (io.stdinIsTTY && args.files.some((file) => file === STDIN_OPERAND || file === '-')) {
    // `ksec diff -` typed at a terminal would look hung: say what it waits for.
    io.stderr('ksec: reading the spec from standard input; paste it, then press Ctrl-D (Ctrl-C cancels)\n');
  }
  const run = diff(args.files, {
    cwd: io.cwd,
    readStdin: io.readStdin,
    ...(selected ? { ruleIds: selected } : {}),
    ...(config ? { config } : {}),
    limits: { maxDepth: args.maxDepth, maxAliasNodes: args.maxAliasNodes },
    maxFileBytes: args.maxFileBytes,
    skipUnrecognised: args.skipUnrecognised,
    fix: args.fix,
    ...(args.fix
      ? {
          write: async (file: string, path: string, fixed: string, expected: string) => {
            if (!dryRun) return writeFixed(file, path, fixed, expected);
            const { unifiedDiff } = await import('../../util/unified-diff.ts');
            patches.push(unifiedDiff(file, expected, fixed));
            return undefined;
          },
        }
      : {}),
    ...(args.baseline === undefined ? {} : { baseline: args.baseline }),
    jobs: args.jobs ?? io.cores ?? 1,
    keepSubjects: args.format === 'shell',
  });

  let failing = false;
  let errors = 0;
  const fixes = { applied: 0, skipped: 0, notes: 0, unfixedFindings: false };
  const out = dryRun ? () => undefined : emit;
  out(reporter.begin());
  try {
    for await (const event of run) {
      if (event.type === 'progress') {
        progress.update(event.done, event.total);
        continue;
      }
      progress.clear();
      if (event.type === 'end') {
        out(reporter.end(event.summary));
        continue;
      }
      const result = event.result;
      if (args.fix) noteFixes(io, result, fixes, dryRun);
      if (dryRun) emit(patches.splice(0).join(''));
      out(reporter.file(result));
      io.stderr(text.formatErrors(result));
      errors += result.errors.length;
      const counted = args.baseline === undefined ? result.findings : (result.baseline?.introduced ?? []);
      if (failOn !== 'none') failing ||= counted.some((f) => atOrAbove(f.severity, failOn));
    }
  } catch (error) {
    progress.clear();
    if (error instanceof BaselineError) {
      io.stderr(text.formatErrors({ errors: [...error.errors] }));
      throw new KsecError(`cannot read the baseline ${args.baseline}`);
    }
    throw error;
  }
  if (args.fix && fixes.applied === 0 && fixes.skipped === 0 && fixes.notes === 0 && fixes.unfixedFindings) {
    // Say so, or a silent run reads as if --fix had done something.
    io.stderr(
      'ksec: nothing to fix automatically: each finding needs a value only you can choose (see its fix)\n',
    );
  }
  if (output) {
    // Written as a new file unless --force: one that appeared during the run is refused too.
    const { writeFiles } = await import('../../util/write.ts');
    const content = report.join('');
    await writeFiles([{ path: output, content }], { force: args.force });
    const what = !dryRun ? 'the report' : content === '' ? 'an empty patch (nothing to fix)' : 'the patch';
    io.stderr(`ksec: wrote ${what} to ${printable(args.output ?? output)}\n`);
  }
  if (errors > 0) return EXIT.usage;
  return failing ? EXIT.findings : EXIT.ok;
}

/** The --output file: refused when it exists (unless --force) or is a directory, before any work. */
async function outputTarget(io: Io, output: string | undefined, force: boolean): Promise<string | undefined> {
  if (output === undefined) return undefined;
  const [{ resolve }, { lstat }] = await Promise.all([import('node:path'), import('node:fs/promises')]);
  const path = resolve(io.cwd, output);
  const existing = await lstat(path).catch(() => undefined);
  if (existing?.isDirectory()) throw new KsecError(`--output ${output} is a directory: name a file`);
  if (existing && !force) throw new KsecError(`--output ${output} exists: use --force to replace it`);
  return path;
}

/** What --fix did to one file, on stderr: fixed, not fixed automatically (and why), or not fixable. */
function noteFixes(
  io: Io,
  result: import('../../engine/pipeline.ts').FileResult,
  fixes: { applied: number; skipped: number; notes: number; unfixedFindings: boolean },
  dryRun = false,
): void {
  const file = printable(result.file);
  if (result.file === '<stdin>') {
    io.stderr('ksec: --fix writes files in place; standard input is checked but not fixed\n');
    fixes.notes += 1;
    return;
  }
  const fix = result.fix;
  if (!fix) return;
  for (const skip of fix.skipped) {
    io.stderr(
      `ksec: ${file}:${skip.line}:${skip.column}: ${skip.ruleId}: not fixed automatically: ${printable(skip.reason)}\n`,
    );
  }
  fixes.skipped += fix.skipped.length;
  if (fix.applied > 0 && fix.written) {
    fixes.applied += fix.applied;
    const fixed = `${fix.applied} finding${fix.applied === 1 ? '' : 's'} in ${file}`;
    io.stderr(dryRun ? `ksec: would fix ${fixed} (--dry-run: nothing written)\n` : `ksec: fixed ${fixed}\n`);
  } else if (fix.applied > 0) {
    fixes.notes += 1;
  }
  if (result.findings.length > 0) fixes.unfixedFindings = true;
}

/**
 * A progress line on stderr for long runs: only on a terminal, never under CI, and cleared before
 * anything else is written, so it never mixes with a report or an error line.
 */
export function progressLine(
  io: Io,
  now: () => number = Date.now,
): { update(done: number, total: number): void; clear(): void } {
  const enabled =
    io.stderrIsTTY === true && io.env.CI !== 'true' && io.env.CI !== '1' && io.env.TERM !== 'dumb';
  const started = now();
  let shown = false;
  return {
    update(done, total) {
      // Only a long run: more than two seconds so far, or a few hundred files.
      if (!enabled || (now() - started < 2000 && total < 300)) return;
      io.stderr(`\rksec: checked ${done} of ${total} files\u001b[K`);
      shown = true;
    },
    clear() {
      if (!shown) return;
      io.stderr('\r\u001b[K');
      shown = false;
    },
  };
}

/** Writes a fixed file; a refused or failed write is that file's error, and the others go on. */
async function writeFixed(
  file: string,
  path: string,
  text: string,
  expected: string,
): Promise<ParseError | undefined> {
  const { rewriteFile, WriteError } = await import('../../util/write.ts');
  try {
    await rewriteFile(path, text, { expected });
    return undefined;
  } catch (error) {
    if (!(error instanceof WriteError)) throw error;
    return { file, line: 0, column: 0, message: `not fixed: ${error.reason}` };
  }
}
