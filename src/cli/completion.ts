// Tab completion. The scripts `ksec completion bash|zsh` print call `ksec --get-yargs-completions
// ksec WORD… CURRENT` (the request yargs' own scripts send, so scripts installed by earlier versions
// keep working), and `complete` answers with one candidate per line, already matched against the
// word being completed. No candidates means "complete a file name" to both scripts.
import { type CommandSpec, commandName, parserOptions } from './command.ts';

export const COMPLETION_REQUEST = '--get-yargs-completions';
export const COMPLETION_SHELLS = ['bash', 'zsh'] as const;
export type CompletionShell = (typeof COMPLETION_SHELLS)[number];

/** Values a flag takes, beyond yargs' `choices` (rule ids for --rule, the wizard's select answers). */
export type ValueSource = (flag: string) => Promise<readonly string[] | undefined>;

export interface FlagInfo {
  /** Every name, long and short, without dashes. */
  names: string[];
  takesValue: boolean;
  repeatable: boolean;
  choices?: string[];
}

export function flagsOf(spec: CommandSpec<unknown>): FlagInfo[] {
  const options = parserOptions(spec);
  const aliases = options.alias ?? {};
  const aliasNames = new Set(Object.values(aliases).flat());
  const hidden = new Set(options.hiddenOptions ?? []);
  // Operands (`<files..>`, `[topic]`) are declared as options too; they are no flags.
  const command = typeof spec.command === 'string' ? spec.command : spec.command.join(' ');
  const operands = new Set([...command.matchAll(/[<[]([a-z0-9-]+)(?:\.\.)?[>\]]/g)].map((m) => m[1]));
  const flags: FlagInfo[] = [];
  for (const key of Object.keys(options.key ?? {})) {
    if (aliasNames.has(key) || key.includes('$') || key === '_' || operands.has(key)) continue;
    const names = [key, ...(aliases[key] ?? [])].filter((name) => !/[A-Z]/.test(name));
    const isBoolean = options.boolean?.includes(key) ?? false;
    const choices = options.choices?.[key]?.map(String);
    flags.push({
      // A hidden boolean is there for its --no- form only (--no-ssh): offer that one.
      names: hidden.has(key) ? (isBoolean ? [`no-${key}`] : []) : names,
      takesValue: !isBoolean,
      repeatable: options.array?.includes(key) ?? false,
      ...(choices ? { choices } : {}),
    });
  }
  flags.push({ names: ['help', 'h'], takesValue: false, repeatable: false });
  return flags;
}

export interface CompleteOptions {
  commands: readonly CommandSpec<unknown>[];
  /** Values of flags yargs has no choices for. */
  values: ValueSource;
  /** Candidates for the operands of a command (rule ids after explain). */
  operands: (command: string, index: number) => Promise<readonly string[] | undefined>;
}

/**
 * The candidates for the last word of `words` (the words after `ksec`, the last one being completed,
 * possibly empty). Flags complete their names whatever the word before them (`--f` and `-f` list
 * --fail-on, --fix, --format); a flag's value completes its choices.
 */
export async function complete(words: readonly string[], options: CompleteOptions): Promise<string[]> {
  let current = words.at(-1) ?? '';
  let before = words.slice(0, -1);
  // bash splits `--format=js` into `--format`, `=`, `js` (COMP_WORDBREAKS); zsh keeps one word.
  let assigned: string | undefined;
  if (before.at(-1) === '=' && before.at(-2)?.startsWith('--')) {
    assigned = before.at(-2);
    before = before.slice(0, -2);
  } else if (current === '=' && before.at(-1)?.startsWith('--')) {
    assigned = before.at(-1);
    before = before.slice(0, -1);
    current = '';
  }
  const inline = /^(--[a-z0-9-]+)=(.*)$/.exec(current);

  const commandIndex = before.findIndex((word) => !word.startsWith('-'));
  const name = commandIndex < 0 ? undefined : before[commandIndex];
  const spec = options.commands.find((c) => commandName(c) === name);
  const matching = (candidates: readonly string[], prefix: string) =>
    [...new Set(candidates)].filter((candidate) => candidate.startsWith(prefix));

  if (!spec) {
    if (name !== undefined) return [];
    if (current.startsWith('-')) return matching(['--help', '--version'], current);
    return matching(options.commands.map(commandName), current);
  }
  const flags = flagsOf(spec);
  const find = (word: string) => {
    const bare = word.replace(/^--?/, '').replace(/=.*$/, '');
    return flags.find((flag) => flag.names.includes(bare) || flag.names.includes(bare.replace(/^no-/, '')));
  };

  const valuesFor = async (word: string): Promise<readonly string[] | undefined> => {
    const flag = find(word);
    if (!flag?.takesValue) return undefined;
    return flag.choices ?? (await options.values(flag.names[0] ?? ''));
  };
  if (inline) {
    const values = await valuesFor(inline[1] ?? '');
    return values ? matching(values, inline[2] ?? '').map((value) => `${inline[1]}=${value}`) : [];
  }
  if (assigned) return matching((await valuesFor(assigned)) ?? [], current);

  const previous = before.at(-1);
  const previousFlag = previous?.startsWith('-') && previous !== '-' ? find(previous) : undefined;
  if (previousFlag?.takesValue && !current.startsWith('-'))
    return matching((await valuesFor(previous ?? '')) ?? [], current);

  if (current.startsWith('-') && current !== '-') {
    const used = new Set(
      before.slice(commandIndex + 1).flatMap((word) => {
        const flag = word.startsWith('-') ? find(word) : undefined;
        return flag && !flag.repeatable ? flag.names : [];
      }),
    );
    const longs = flags
      .filter((flag) => !flag.names.some((n) => used.has(n)))
      .flatMap((flag) => flag.names.filter((n) => n.length > 1).map((n) => `--${n}`));
    // `-f` lists the long flags that start with f (what bash then shows as `--f`), so a short
    // flag never completes to its values or to nothing.
    return matching(longs, current.startsWith('--') ? current : `-${current}`).sort();
  }

  // An operand: count the operands before it, skipping flags and their values.
  let index = 0;
  for (let i = commandIndex + 1; i < before.length; i++) {
    const word = before[i] ?? '';
    if (word.startsWith('-') && word !== '-') {
      if (!word.includes('=') && find(word)?.takesValue) i += 1;
      continue;
    }
    index += 1;
  }
  return matching((await options.operands(commandName(spec), index)) ?? [], current);
}

/** The script `ksec completion SHELL` prints; `ksec` must be on the PATH. */
export function completionScript(shell: CompletionShell): string {
  if (shell === 'zsh')
    return `#compdef ksec
###-begin-ksec-completions-###
# ksec completion for zsh. Install: ksec completion zsh >> ~/.zshrc (after compinit)
_ksec_completions() {
  local -a reply
  reply=("\${(@f)$(ksec ${COMPLETION_REQUEST} "\${words[@]:0:$CURRENT}" 2>/dev/null)}")
  reply=("\${(@)reply:#}")
  if (( \${#reply} > 0 )); then
    compadd -U -Q -- "\${reply[@]}"
  else
    _files
  fi
}
compdef _ksec_completions ksec
###-end-ksec-completions-###
`;
  return `###-begin-ksec-completions-###
# ksec completion for bash. Install: ksec completion bash >> ~/.bashrc
_ksec_completions() {
  local IFS=$'\\n'
  COMPREPLY=($(ksec ${COMPLETION_REQUEST} "\${COMP_WORDS[@]:0:COMP_CWORD+1}" 2>/dev/null))
  return 0
}
complete -o bashdefault -o default -F _ksec_completions ksec
###-end-ksec-completions-###
`;
}
