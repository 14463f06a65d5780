import { defineCommand } from '../command.ts';
import { COMPLETION_SHELLS, type CompletionShell, completionScript } from '../completion.ts';

export interface CompletionArgs {
  shell?: CompletionShell;
}

export const completionCommand = defineCommand<CompletionArgs>({
  command: 'completion [shell]',
  describe: 'Print the shell completion script (bash or zsh) for commands, flags, choices and rule ids',
  builder: (yargs) =>
    yargs
      .positional('shell', {
        choices: COMPLETION_SHELLS,
        describe: 'The shell (default: the one $SHELL names, else bash)',
      })
      .example('$0 completion bash >> ~/.bashrc', 'bash: complete ksec in new shells')
      .example('$0 completion zsh >> ~/.zshrc', 'zsh (after compinit in ~/.zshrc)')
      .epilogue('Both scripts call ksec itself for the candidates, so ksec must be on the PATH.'),
  run: async (args, io) => {
    const shell = args.shell ?? (/(^|\/)zsh$/.test(io.env.SHELL ?? '') ? 'zsh' : 'bash');
    io.stdout(completionScript(shell));
    return 0;
  },
});
