import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { KsecError } from '../../util/errors.ts';
import { printable } from '../../util/printable.ts';
import { exists, writeFiles } from '../../util/write.ts';
import { flagAnswers, listedFlags, questionOptions } from '../../wizard/flags.ts';
import { allQuestions, questionGroups } from '../../wizard/questions/index.ts';
import type { Answers, Question } from '../../wizard/types.ts';
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

/** The help groups of the answer flags, in the order --help lists them. */
const FLAG_GROUPS = {
  common: 'Answers for both providers:',
  kops: 'kops (AWS) answers:',
  gke: 'GKE answers:',
  advanced: 'Advanced answers (hardened defaults; the wizard asks them after "change advanced settings?"):',
} as const;

/** Which help group a question's flags are listed in: its provider's, or common when several share it. */
function flagGroup(question: Question): keyof typeof FLAG_GROUPS {
  if (question.advanced) return 'advanced';
  const owners = questionGroups.filter((group) => group.questions.includes(question)).map((g) => g.id);
  if (owners.length === 1 && (owners[0] === 'kops' || owners[0] === 'gke')) return owners[0];
  return 'common';
}

/** One flag per question (and its risk confirmation), in the help group of its provider. */
function answerOptions(yargs: Argv): Argv {
  const questions = allQuestions();
  let parser = questionOptions(yargs, questions);
  for (const [group, heading] of Object.entries(FLAG_GROUPS))
    parser = parser.group(listedFlags(questions.filter((q) => flagGroup(q) === group)), heading);
  return parser;
}

/** Every file `ksec init` can write, for either provider (a test keeps it equal to what the generators write). */
export const INIT_OUTPUTS = [
  'cluster.yaml',
  'kops-commands.sh',
  'create-cluster.sh',
  'k8s/namespaces.yaml',
  'k8s/network-policies.yaml',
  'k8s/rbac-definition.yaml',
  'k8s/workload-example.yaml',
  'ksec.answers.yaml',
] as const;

export const initCommand = defineCommand<InitArgs>({
  command: 'init',
  describe:
    'Ask a few questions and write a hardened cluster spec (kops) or gcloud script (GKE) with the commands to create it',
  builder: (yargs) =>
    answerOptions(
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
        .conflicts('stdout', 'dry-run')
        .group(['out', 'force', 'stdout', 'dry-run', 'yes', 'answers'], 'Options:'),
    )
      .example(
        '$0 init --out clusters/dev',
        'Ask the questions on the terminal and write the files to clusters/dev',
      )
      .example(
        '$0 init --yes --name dev.example.com --state s3://example-kops-state --zones eu-west-1a,eu-west-1b,eu-west-1c --api-cidr 203.0.113.0/24',
        'CI: no questions, hardened defaults for the rest',
      )
      .example(
        '$0 init --yes --provider gke --name prod --project my-project-123 --region europe-west1 --api-cidr 203.0.113.0/24',
        'The same for GKE',
      )
      .example('$0 init --answers ksec.answers.yaml --yes --force', 'Write the same files again'),
  run: async (args, io) => runInit(args, io),
});

async function runInit(args: InitArgs, io: Io): Promise<number> {
  const [{ resolveAnswers }, { parseAnswers }, { generate }] = await Promise.all([
    import('../../wizard/resolve.ts'),
    import('../../wizard/answers-file.ts'),
    import('../../generate/index.ts'),
  ]);

  let file: Answers | undefined;
  if (args.answers !== undefined) {
    let text: string;
    try {
      text = await readFile(resolve(io.cwd, args.answers), 'utf8');
    } catch (error) {
      const { fsErrorReason } = await import('../../util/fs-errors.ts');
      const hint =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? ' (ksec init writes one, ksec.answers.yaml, next to the files)'
          : '';
      throw new KsecError(`--answers ${args.answers}: ${fsErrorReason(error)}${hint}`);
    }
    file = parseAnswers(text, args.answers);
  }

  const interactive = !args.yes && io.stdinIsTTY && io.stdoutIsTTY;
  // Where the files go, as the user named it: relative to the working directory when inside it.
  const shownDir = (dir: string) => {
    const rel = relative(io.cwd, dir);
    return printable(
      rel === '' ? 'the current directory' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel,
    );
  };
  const writes = !args.stdout && !args.dryRun;
  let outDir = resolve(io.cwd, args.out ?? '.');
  let force = args.force;
  await refuseFileAsOut(outDir, args.out ?? '.');
  const ask = interactive
    ? (await import('../../wizard/ask.ts')).terminalAsk({
        note: (text) => io.stdout(text),
        ...(io.columns ? { columns: io.columns } : {}),
      })
    : undefined;
  if (ask && writes) {
    // Before the first question: the answers would be lost if the run then refused to overwrite.
    const existing = await existingOutputs(outDir);
    if (existing.length > 0 && !force) {
      const chosen = await chooseOut(ask, outDir, existing, io.cwd);
      outDir = chosen.outDir;
      force = chosen.force;
    }
    const { wrap } = await import('../../wizard/wrap.ts');
    io.stdout(wrap(introduction(shownDir(outDir)), io.columns));
  }
  const answers = await resolveAnswers({
    flags: flagAnswers(args, allQuestions()),
    ...(file ? { file, fileName: args.answers } : {}),
    interactive,
    ...(ask
      ? {
          ask,
          note: (text: string) => io.stdout(text),
          review: writes
            ? `Review: nothing is written yet. The files go to ${shownDir(outDir)}.`
            : 'Review: nothing is written yet.',
        }
      : {}),
  });
  const files = generate(answers);

  if (args.stdout) {
    for (const generated of files) io.stdout(`==> ${generated.path} <==\n${generated.content}\n`);
    return 0;
  }
  const planned = files.map((generated) => ({
    path: join(outDir, generated.path),
    content: generated.content,
    ...(generated.mode === undefined ? {} : { mode: generated.mode }),
  }));
  if (args.dryRun) {
    io.stdout(`Would write to ${printable(outDir)}:\n`);
    for (const [index, generated] of files.entries()) {
      const target = planned[index]?.path ?? generated.path;
      const note = (await exists(target))
        ? force
          ? ' (replaces the existing file)'
          : ' (exists: needs --force)'
        : '';
      io.stdout(`  ${generated.path}  ${Buffer.byteLength(generated.content)} bytes${note}\n`);
    }
    return 0;
  }
  await writeFiles(planned, { force, hint: 'or --out another directory' });
  const [{ shellQuote }, { wrap }] = await Promise.all([
    import('../../util/shell.ts'),
    import('../../wizard/wrap.ts'),
  ]);
  const done =
    `Wrote ${files.map((f) => f.path).join(', ')} to ${printable(outDir)}\n` +
    (files.some((f) => f.path === 'kops-commands.sh')
      ? 'Next: read kops-commands.sh, then run it to create the cluster.\n'
      : '') +
    (files.some((f) => f.path === 'create-cluster.sh')
      ? 'Next: read create-cluster.sh (the node service account must exist), then run it to create the cluster.\n'
      : '') +
    (files.some((f) => f.path.startsWith('k8s/'))
      ? `Then, with RBAC Manager installed in the cluster, apply the namespaces, network policies and access:\n  kubectl apply -f ${shellQuote(join(outDir, 'k8s'))}\n`
      : '');
  io.stdout(wrap(done.replace(/\n$/, ''), io.columns));
  return 0;
}

/** What the wizard says before its first question: what it writes, where, and how to stop. */
function introduction(outDir: string): string {
  return (
    `ksec init writes a hardened kops cluster spec (cluster.yaml, kops-commands.sh) or a GKE create-cluster.sh, ` +
    `Kubernetes manifests (k8s/) and your answers (ksec.answers.yaml) to ${outDir}.\n` +
    'Each default is the hardened choice: press Enter to keep it. You review every answer before anything is written; Ctrl-C stops without writing.\n'
  );
}

async function refuseFileAsOut(outDir: string, given: string): Promise<void> {
  const info = await stat(outDir).catch(() => undefined);
  if (info && !info.isDirectory())
    throw new KsecError(
      `--out ${given}: ${outDir} is a file, not a directory; name a directory (a missing one is created)`,
    );
}

async function existingOutputs(outDir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of INIT_OUTPUTS) if (await exists(join(outDir, name))) found.push(name);
  return found;
}

/**
 * The --out directory already holds files of an earlier run: overwrite them (as --force), choose
 * another directory (asked until it holds none), or stop here, before any question.
 */
async function chooseOut(
  ask: import('../../wizard/resolve.ts').AskFn,
  outDir: string,
  existing: readonly string[],
  cwd: string,
): Promise<{ outDir: string; force: boolean }> {
  const { shellQuote } = await import('../../util/shell.ts');
  const shown =
    existing.length > 3
      ? `${existing.slice(0, 3).join(', ')} and ${existing.length - 3} more`
      : existing.join(', ');
  const answersFile = existing.includes('ksec.answers.yaml')
    ? ` To start from its answers: ksec init --answers ${shellQuote(relative(cwd, join(outDir, 'ksec.answers.yaml')) || 'ksec.answers.yaml')}.`
    : '';
  const choice = await ask({
    type: 'select',
    name: 'existingOut',
    message: `${printable(outDir)} holds files of an earlier run. Where should this one write?`,
    why: `It holds ${shown}, which this run would not overwrite without --force.${answersFile}`,
    choices: [
      { value: 'other', name: 'Another directory' },
      {
        value: 'force',
        name: 'Here, replacing them (as --force)',
        description: 'Only once you confirm the review',
      },
      { value: 'cancel', name: 'Cancel' },
    ],
    default: 'other',
  });
  if (choice === 'force') return { outDir, force: true };
  if (choice !== 'other') throw new KsecError('cancelled; nothing was written', 130);
  const reply = await ask({
    type: 'input',
    name: 'out',
    message: 'Directory to write to (a missing one is created)',
    validate: (raw) => (String(raw ?? '').trim() === '' ? 'name a directory' : true),
  });
  const dir = resolve(cwd, String(reply).trim());
  await refuseFileAsOut(dir, String(reply).trim());
  const taken = await existingOutputs(dir);
  if (taken.length > 0) return chooseOut(ask, dir, taken, cwd);
  return { outDir: dir, force: false };
}
