// The ksec command lines of Markdown (README.md, docs/*.md), and what each one asks of the CLI.
//
// - `shellCommands`: every line of a fenced `sh` block that calls ksec (`ksec …`, `npx ksec …`, or
//   ksec after a pipe, `&&` or `;`), lines ending in `\` joined with the next, with the trailing
//   `# exit N` / `# not run: reason` comment read off (test/repo/readme-commands.test.ts runs them).
// - `inlineCommands`: the `ksec …` code spans of the prose.
// - `ksecInvocations`: the argument lists a shell command line passes to ksec.
// - `usageProblems`: what in one argument list the CLI would refuse: an unknown command or flag
//   (its names, aliases and --no- forms come from the command modules' own yargs options), or a
//   value that is not one of the flag's choices (yargs' choices, else the values tab completion
//   offers: the wizard's select answers, rule ids for --rule), or an operand outside its known list
//   (rule ids after explain, snippet topics).

import { commandName } from '../../src/cli/command.ts';
import { type FlagInfo, flagsOf } from '../../src/cli/completion.ts';
import { commands, flagValues, operandValues } from '../../src/cli/main.ts';

export interface ShellCommand {
  /** 1-based line where the command starts. */
  line: number;
  command: string;
  expectedExit: number;
  notRun?: string;
}

const CALLS_KSEC = /(^|[|;&]\s*|\bnpx\s+)ksec\b/;

/** The ksec commands of every `sh` block of a Markdown text, with their expectations. */
export function shellCommands(markdown: string): ShellCommand[] {
  const found: ShellCommand[] = [];
  const lines = markdown.split('\n');
  let inShell = false;
  let inOtherFence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const fence = /^\s*```(\S*)/.exec(line);
    if (fence) {
      if (inShell || inOtherFence) {
        inShell = false;
        inOtherFence = false;
      } else if (fence[1] === 'sh') inShell = true;
      else inOtherFence = true;
      continue;
    }
    if (!inShell) continue;
    const start = i;
    let text = line;
    while (text.endsWith('\\') && i + 1 < lines.length) {
      i += 1;
      text = `${text.slice(0, -1)} ${(lines[i] ?? '').trim()}`;
    }
    const { command, comment } = splitComment(text.trim());
    if (!CALLS_KSEC.test(command)) continue;
    const exit = /\bexit (\d+)\b/.exec(comment);
    const notRun = /\bnot run: (.+)$/.exec(comment);
    found.push({
      line: start + 1,
      command,
      expectedExit: exit ? Number(exit[1]) : 0,
      ...(notRun ? { notRun: notRun[1]?.trim() } : {}),
    });
  }
  return found;
}

/** Splits `cmd # comment` at the first `#` that starts a shell comment (outside quotes). */
function splitComment(text: string): { command: string; comment: string } {
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      return { command: text.slice(0, i).trim(), comment: text.slice(i + 1).trim() };
    }
  }
  return { command: text, comment: '' };
}

/** The `ksec …` and `npx ksec …` code spans outside fenced blocks, with their 1-based lines. */
export function inlineCommands(markdown: string): { line: number; command: string }[] {
  const found: { line: number; command: string }[] = [];
  let fenced = false;
  markdown.split('\n').forEach((text, index) => {
    if (/^\s*```/.test(text)) fenced = !fenced;
    if (fenced) return;
    for (const span of text.matchAll(/`((?:npx )?ksec [^`]+)`/g))
      found.push({ line: index + 1, command: span[1] ?? '' });
  });
  return found;
}

type Token = { word: string } | { op: string };

/** Shell words and operators, with quotes removed; `$(…)` and globs are left as they are. */
function tokenize(line: string): Token[] {
  const tokens: Token[] = [];
  let word: string | undefined;
  const end = () => {
    if (word !== undefined) tokens.push({ word });
    word = undefined;
  };
  for (let i = 0; i < line.length; i++) {
    const char = line[i] ?? '';
    const substitution = /^[<>]\(/.test(line.slice(i)) ? line.indexOf(')', i) : -1;
    if (substitution >= 0) {
      // <(command) is one word, a file name, to the command it is given to.
      word = (word ?? '') + line.slice(i, substitution + 1);
      i = substitution;
    } else if (/\s/.test(char)) end();
    else if (char === "'") {
      const close = line.indexOf("'", i + 1);
      word = (word ?? '') + line.slice(i + 1, close < 0 ? undefined : close);
      i = close < 0 ? line.length : close;
    } else if (char === '"') {
      let j = i + 1;
      let text = '';
      for (; j < line.length && line[j] !== '"'; j++) text += line[j] === '\\' ? (line[++j] ?? '') : line[j];
      word = (word ?? '') + text;
      i = j;
    } else if (char === '\\') word = (word ?? '') + (line[++i] ?? '');
    else {
      const op = /^(?:\|\||&&|[0-9]?>>|[0-9]?>&[0-9]|&>|[0-9]?>|<|\||;|&|\(|\))/.exec(line.slice(i))?.[0];
      if (op && !(word !== undefined && /^[0-9]/.test(op))) {
        end();
        tokens.push({ op });
        i += op.length - 1;
      } else word = (word ?? '') + char;
    }
  }
  end();
  return tokens;
}

/** The arguments each ksec of a shell command line gets (after pipes, `&&`, `;`, `npx`, VAR=x). */
export function ksecInvocations(line: string): string[][] {
  const invocations: string[][] = [];
  let words: string[] = [];
  let redirect = false;
  const flush = () => {
    const start = words.findIndex((w) => !/^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    const rest = start < 0 ? [] : words.slice(start);
    if (rest[0] === 'npx') rest.shift();
    if (rest[0] === 'ksec') invocations.push(rest.slice(1));
    words = [];
  };
  for (const token of tokenize(line)) {
    if ('word' in token) {
      if (redirect) redirect = false;
      else words.push(token.word);
    } else if (/[<>]/.test(token.op) && !/>&[0-9]$/.test(token.op)) redirect = true;
    else if (!/>&/.test(token.op)) flush();
  }
  flush();
  return invocations;
}

const GLOBAL_FLAGS: FlagInfo[] = [
  { names: ['help', 'h'], takesValue: false, repeatable: false },
  { names: ['version', 'V'], takesValue: false, repeatable: false },
];

/**
 * What the CLI would refuse in `ksec ARGS…`: unknown commands and flags, values outside the choices,
 * operands outside their list, and (unless `named`: a code span that names a flag, like
 * `ksec diff --format`) missing values.
 */
export async function usageProblems(args: readonly string[], { named = false } = {}): Promise<string[]> {
  const name = args.find((arg) => !arg.startsWith('-'));
  const spec = commands.find((c) => commandName(c) === name);
  if (name !== undefined && !spec) return [`no command ${name}`];
  const flags = spec ? [...flagsOf(spec), ...GLOBAL_FLAGS] : GLOBAL_FLAGS;
  const where = spec ? `ksec ${name}` : 'ksec';
  const problems: string[] = [];
  let operand = -1;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') break;
    if (!arg.startsWith('-') || arg === '-') {
      // The first word is the command; the rest are its operands.
      // An upper-case word (RULE-ID, TOPIC) is a placeholder for the reader to fill in.
      if (operand++ < 0 || !spec || /^[A-Z][A-Z0-9_-]*$/.test(arg)) continue;
      const known = await operandValues(commandName(spec), operand - 1);
      if (known && !known.includes(arg))
        problems.push(`${where} ${arg}: not one of its ${known.length} operands`);
      continue;
    }
    const long = /^--([^=]+)(?:=(.*))?$/.exec(arg);
    // -abc is -a -b -c; only the last of them can take a value.
    const names = long ? [long[1] ?? ''] : [...arg.slice(1)];
    for (const [at, flagName] of names.entries()) {
      const flag =
        flags.find((f) => f.names.includes(flagName)) ??
        flags.find((f) => !f.takesValue && flagName.startsWith('no-') && f.names.includes(flagName.slice(3)));
      if (!flag) {
        problems.push(`${where} has no flag ${long ? '--' : '-'}${flagName}`);
        continue;
      }
      if (!flag.takesValue || at < names.length - 1) continue;
      let value = long?.[2];
      if (value === undefined && i + 1 < args.length && !(args[i + 1] ?? '').startsWith('-'))
        value = args[++i];
      const shown = `${long ? '--' : '-'}${flagName}`;
      if (value === undefined) {
        if (!named) problems.push(`${where} ${shown} needs a value`);
      } else if (flag.choices) {
        if (!flag.choices.includes(value))
          problems.push(`${where} ${shown} ${value}: not one of ${flag.choices.join(', ')}`);
      } else {
        // The wizard's answers take any case (the resolver normalises them); rule ids are exact.
        const known = await flagValues(flag.names[0] ?? '');
        const given = flag.repeatable ? value.split(',') : [value];
        const exact = flag.names.includes('rule');
        for (const item of given)
          if (known && !known.some((k) => (exact ? k === item : k.toLowerCase() === item.toLowerCase())))
            problems.push(
              `${where} ${shown} ${item}: not one of ${known.length > 8 ? `its ${known.length} values` : known.join(', ')}`,
            );
      }
    }
  }
  return problems;
}
