import type { Argv } from 'yargs';
import { KsecError } from '../../util/errors.ts';
import { flagDescription } from '../../wizard/flags.ts';
import { allQuestions } from '../../wizard/questions/index.ts';
import type { Answers } from '../../wizard/types.ts';
import { defineCommand } from '../command.ts';
import type { Io } from '../io.ts';

export interface InitArgs {
  out?: string;
  force: boolean;
  stdout?: boolean;
  dryRun?: boolean;
  yes: boolean;
  answers?: string;
  [flag: string]: unknown;
}

/** One flag per question, generated from the question data, plus the risk confirmations. */
function questionOptions(yargs: Argv): Argv {
  let parser = yargs;
  for (const question of allQuestions()) {
    const describe = flagDescription(question);
    if (question.type === 'confirm') parser = parser.option(question.flag, { type: 'boolean', describe });
    else if (question.type === 'list')
      parser = parser.option(question.flag, { type: 'string', array: true, describe });
    else parser = parser.option(question.flag, { type: 'string', describe });
    if (question.emptyFlag)
      parser = parser.option(question.emptyFlag.flag, {
        type: 'boolean',
        // Only the negated form means something; say so, since yargs lists the option as --ssh.
        describe: `As --no-${question.emptyFlag.flag}: ${question.emptyFlag.describe.replace(/^./, (c) => c.toLowerCase())}`,
      });
    if (question.risk)
      parser = parser.option(question.risk.flag, {
        type: 'boolean',
        describe: `Accept a risky --${question.flag} value (ksec diff keeps flagging it)`,
      });
  }
  return parser.group(
    allQuestions().flatMap((q) => [
      q.flag,
      ...(q.emptyFlag ? [q.emptyFlag.flag] : []),
      ...(q.risk ? [q.risk.flag] : []),
    ]),
    'Answers:',
  );
}

/** The answers given as flags, keyed by answer name. */
export function flagAnswers(args: Record<string, unknown>): Answers {
  const answers: Answers = {};
  for (const question of allQuestions()) {
    const value = args[question.flag];
    const emptied = question.emptyFlag !== undefined && args[question.emptyFlag.flag] === false;
    if (value !== undefined && emptied)
      throw new KsecError(
        `--${question.flag} and --no-${question.emptyFlag?.flag} contradict each other; give one`,
      );
    if (value !== undefined) answers[question.name] = value;
    else if (emptied) answers[question.name] = [];
    if (question.risk && args[question.risk.flag] === true) answers[question.risk.name] = true;
  }
  return answers;
}

export const initCommand = defineCommand<InitArgs>({
  command: 'init',
  describe:
    'Ask a few questions and write a hardened cluster spec (kops) or gcloud script (GKE) with the commands to create it',
  builder: (yargs) =>
    questionOptions(
      yargs
        .option('out', {
          alias: 'o',
          type: 'string',
          describe: 'Directory to write the files to (default: the current directory)',
        })
        .option('force', { type: 'boolean', default: false, describe: 'Overwrite files that already exist' })
        .option('stdout', { type: 'boolean', describe: 'Print the files instead of writing them' })
        .option('dry-run', { type: 'boolean', describe: 'List the files that would be written' })
        .option('yes', {
          alias: 'y',
          type: 'boolean',
          default: false,
          describe: 'Ask nothing: use the hardened default for every answer not given',
        })
        .option('answers', {
          type: 'string',
          describe: 'YAML file of answers (e.g. a ksec.answers.yaml from an earlier run)',
        })
        .conflicts('stdout', 'dry-run'),
    )
      .example(
        '$0 init --out clusters/dev',
        'Ask the questions on the terminal and write the files to clusters/dev',
      )
      .example(
        '$0 init --yes --name dev.example.com --state s3://example-kops-state --zones eu-west-1a,eu-west-1b,eu-west-1c --api-cidr 203.0.113.0/24',
        'CI: no questions, hardened defaults for the rest',
      )
      .example('$0 init --answers ksec.answers.yaml --yes --force', 'Write the same files again'),
  run: async (args, io) => runInit(args, io),
});

async function runInit(args: InitArgs, io: Io): Promise<number> {
  const [
    { resolveAnswers },
    { parseAnswers },
    { generate },
    { join, resolve },
    { readFile, stat },
    { printable },
  ] = await Promise.all([
    import('../../wizard/resolve.ts'),
    import('../../wizard/answers-file.ts'),
    import('../../generate/index.ts'),
    import('node:path'),
    import('node:fs/promises'),
    import('../../util/printable.ts'),
  ]);

  let file: Answers | undefined;
  if (args.answers !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, args.answers), 'utf8');
    } catch (error) {
      throw new KsecError(`cannot read the answers file ${args.answers}: ${(error as Error).message}`);
    }
    file = parseAnswers(text, args.answers);
  }

  const interactive = !args.yes && io.stdinIsTTY && io.stdoutIsTTY;
  const ask = interactive
    ? (await import('../../wizard/ask.ts')).terminalAsk({ note: (text) => io.stdout(text) })
    : undefined;
  const answers = await resolveAnswers({
    flags: flagAnswers(args),
    ...(file ? { file, fileName: args.answers } : {}),
    interactive,
    ...(ask ? { ask } : {}),
  });
  const files = generate(answers);

  if (args.stdout) {
    for (const generated of files) io.stdout(`==> ${generated.path} <==\n${generated.content}\n`);
    return 0;
  }
  const outDir = resolve(io.cwd, args.out ?? '.');
  const outInfo = await stat(outDir).catch(() => undefined);
  if (outInfo && !outInfo.isDirectory())
    throw new KsecError(
      `--out ${args.out}: ${outDir} is a file, not a directory; name a directory (a missing one is created)`,
    );
  const planned = files.map((generated) => ({
    path: join(outDir, generated.path),
    content: generated.content,
    ...(generated.mode === undefined ? {} : { mode: generated.mode }),
  }));
  if (args.dryRun) {
    const { exists } = await import('../../util/write.ts');
    io.stdout(`Would write to ${printable(outDir)}:\n`);
    for (const [index, generated] of files.entries()) {
      const target = planned[index]?.path ?? generated.path;
      const note = (await exists(target))
        ? args.force
          ? ' (replaces the existing file)'
          : ' (exists: needs --force)'
        : '';
      io.stdout(`  ${generated.path}  ${Buffer.byteLength(generated.content)} bytes${note}\n`);
    }
    return 0;
  }
  const { writeFiles } = await import('../../util/write.ts');
  await writeFiles(planned, { force: args.force });
  const { shellQuote } = await import('../../util/shell.ts');
  io.stdout(
    `Wrote ${files.map((f) => f.path).join(', ')} to ${printable(outDir)}\n` +
      (files.some((f) => f.path === 'kops-commands.sh')
        ? 'Next: read kops-commands.sh, then run it to create the cluster.\n'
        : '') +
      (files.some((f) => f.path === 'create-cluster.sh')
        ? 'Next: read create-cluster.sh (the node service account must exist), then run it to create the cluster.\n'
        : '') +
      (files.some((f) => f.path.startsWith('k8s/'))
        ? `Then, with RBAC Manager installed in the cluster: kubectl apply -f ${shellQuote(join(outDir, 'k8s'))} (namespaces, network policies, access).\n`
        : ''),
  );
  return 0;
}
