import { defineCommand } from '../command.ts';

export interface DocsArgs {
  out?: string;
  force: boolean;
}

export const docsCommand = defineCommand<DocsArgs>({
  command: 'docs',
  describe: 'Write the generated reference docs (rules.md, snippets.md) into a directory',
  builder: (yargs) =>
    yargs
      .option('out', { alias: 'o', type: 'string', describe: 'Directory to write into (default: docs)' })
      .option('force', {
        type: 'boolean',
        default: false,
        describe: 'Also replace files that ksec did not generate',
      })
      .example('$0 docs', 'Regenerate docs/rules.md and docs/snippets.md')
      .example('$0 docs --out runbook/ksec', 'Write the reference into your own docs tree'),
  run: async (args, io) => {
    const { docsPath, writeDocs } = await import('../../docs/generate.ts');
    const { relative } = await import('node:path');
    const { printable } = await import('../../util/printable.ts');
    const result = await writeDocs(docsPath(io.cwd, args.out), { force: args.force });
    for (const path of result.written) io.stderr(`ksec: wrote ${printable(relative(io.cwd, path))}\n`);
    for (const path of result.unchanged)
      io.stderr(`ksec: ${printable(relative(io.cwd, path))} is up to date\n`);
    return 0;
  },
});
