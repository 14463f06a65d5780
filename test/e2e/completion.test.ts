// Tab completion: the candidates ksec answers with, and the scripts `ksec completion bash|zsh` print,
// typed into a real bash and (when installed) a real zsh through a pseudo-terminal.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.ts';
import { run } from '../../src/cli/main.ts';
import { ruleIds } from '../../src/rules/index.ts';
import { BIN, ksec, missingTranscriptLine, ROOT, transcript } from './helpers.ts';

async function candidates(...words: string[]): Promise<string[]> {
  const out: string[] = [];
  const io: Io = {
    stdout: (text) => out.push(text),
    stderr: (text) => out.push(`stderr: ${text}`),
    cwd: ROOT,
    env: {},
    stdoutIsTTY: false,
    stdinIsTTY: false,
    readStdin: async () => '',
  };
  expect(await run(['--get-yargs-completions', 'ksec', ...words], io)).toBe(0);
  return out.join('').split('\n').filter(Boolean);
}

describe('completion candidates', () => {
  it('commands, then the flags of a command, for --f and -f alike', async () => {
    expect(await candidates('')).toEqual([
      'diff',
      'init',
      'rules',
      'explain',
      'docs',
      'snippet',
      'completion',
    ]);
    expect(await candidates('di')).toEqual(['diff']);
    expect(await candidates('diff', '--f')).toEqual(['--fail-on', '--fix', '--force', '--format']);
    // -f is --format's alias, but a word being typed is a flag name, never a value.
    expect(await candidates('diff', '-f')).toEqual(['--fail-on', '--fix', '--force', '--format']);
    // A flag already given (and not repeatable) is not offered again.
    expect(await candidates('diff', '--format', 'json', '--f')).toEqual(['--fail-on', '--fix', '--force']);
  });

  it('the values of choice flags, in every form the shells send', async () => {
    expect(await candidates('diff', '--format', '')).toEqual(['text', 'json', 'sarif', 'shell', 'markdown']);
    expect(await candidates('diff', '-f', 's')).toEqual(['sarif', 'shell']);
    expect(await candidates('diff', '--format=j')).toEqual(['--format=json']);
    expect(await candidates('diff', '--format', '=', 'j')).toEqual(['json']); // bash splits at =
    expect(await candidates('diff', '--fail-on', '')).toEqual(['critical', 'high', 'medium', 'low', 'none']);
    expect(await candidates('rules', '--provider', '')).toEqual(['kops', 'gke', 'workload']);
    expect(await candidates('init', '--provider', '')).toEqual(['kops', 'gke']);
    expect(await candidates('init', '--networking', '')).toEqual(['cilium', 'calico', 'canal']);
    expect(await candidates('init', '--topology', 'p')).toEqual(['private', 'public']);
    expect(await candidates('init', '--control-plane-count', '')).toEqual(['3', '1']);
    expect(await candidates('snippet', '--audit-level', '')).toEqual([
      'Metadata',
      'Request',
      'RequestResponse',
    ]);
    expect(await candidates('completion', '')).toEqual(['bash', 'zsh']);
    // A hidden flag is offered in the only form that means something.
    expect(await candidates('init', '--no-s')).toEqual(['--no-ssh']);
  });

  it('rule ids after explain and for --rule; topics after snippet; nothing (files) for diff', async () => {
    expect(await candidates('explain', '')).toEqual(ruleIds());
    expect(await candidates('diff', 'x.yaml', '--rule', 'kops/ssh')).toEqual(['kops/ssh-access-restricted']);
    expect(await candidates('explain', 'kops/api-access-restricted', '')).toEqual([]);
    expect(await candidates('snippet', 'api')).toEqual(['api-access']);
    expect(await candidates('diff', '')).toEqual([]);
    expect(await candidates('diff', '--config', '')).toEqual([]);
    expect(await candidates('nosuch', '')).toEqual([]);
  });

  it('ksec completion --help is help; bash and zsh scripts are valid shell', () => {
    const help = ksec(['completion', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('ksec completion [shell]');
    expect(help.stdout).toContain('ksec completion zsh >> ~/.zshrc');
    for (const shell of ['bash', 'zsh']) {
      const script = ksec(['completion', shell]);
      expect(script.code, script.stderr).toBe(0);
      expect(script.stdout).toContain('--get-yargs-completions');
      if (hasShell(shell)) {
        const syntax = spawnSync(shell, ['-n'], { input: script.stdout, encoding: 'utf8' });
        expect(syntax.status, syntax.stderr).toBe(0);
      }
    }
    expect(ksec(['completion'], { env: { SHELL: '/usr/bin/zsh' } }).stdout).toMatch(/^#compdef ksec/);
    expect(ksec(['completion'], { env: { SHELL: '/bin/bash' } }).stdout).toContain('complete -o bashdefault');
    expect(ksec(['completion', 'fish']).code).toBe(2);
  });
});

function hasShell(shell: string): boolean {
  return spawnSync(shell, ['-c', 'exit 0']).status === 0;
}

type Step = { expect: string } | { send: string };

/** A directory with a `ksec` that runs the built CLI, and the shell's start-up text. */
function shellHome(): { home: string; bin: string } {
  const home = mkdtempSync(join(tmpdir(), 'ksec-completion-'));
  const bin = join(home, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'ksec'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
  );
  chmodSync(join(bin, 'ksec'), 0o755);
  return { home, bin };
}

function inShell(argv: string[], home: string, bin: string, steps: Step[]) {
  const env = { PATH: `${bin}:/usr/bin:/bin`, HOME: home, TERM: 'xterm', LANG: 'C.UTF-8', PS1: '$ ' };
  const spec = { argv, cwd: ROOT, env, steps, columns: 120, rows: 40 };
  const driver = spawnSync('python3', [join(ROOT, 'test', 'e2e', 'pty-driver.py'), JSON.stringify(spec)], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (driver.status !== 0) throw new Error(`pty driver failed: ${driver.stderr}`);
  return JSON.parse(driver.stdout) as { code: number; output: string; error: string | null };
}

/**
 * The README's bash session as steps: a `$ ` line with <Tab> is typed (after Ctrl-U clears what the
 * line holds), every other line is awaited as the terminal shows it (a `$ ` line without its prompt).
 */
function sessionSteps(lines: readonly string[]): Step[] {
  return lines.flatMap((line): Step[] =>
    line.startsWith('$ ') && line.includes('<Tab>')
      ? [{ send: '\x15' }, { send: line.slice(2).replaceAll('<Tab>', '\t') }]
      : [{ expect: line.replace(/^\$ /, '') }],
  );
}

describe('completion in a real shell', () => {
  it('bash: the README session', () => {
    const { home, bin } = shellHome();
    writeFileSync(join(home, 'rc'), `PS1='$ '\n${ksec(['completion', 'bash']).stdout}`);
    const lines = transcript('completion bash');
    const run = inShell(['/bin/bash', '--noprofile', '--rcfile', join(home, 'rc'), '-i'], home, bin, [
      { expect: '$ ' },
      ...sessionSteps(lines),
      { send: '\x15exit\r' },
    ]);
    expect(run.error, run.output).toBeNull();
    // What the shell printed, in order (the typed lines are input). A line is looked for without
    // its prompt: Ctrl-U clears a line by moving the cursor, so in the terminal's output a new
    // line's text follows the old one's.
    const missing = missingTranscriptLine(
      lines.filter((line) => !line.includes('<Tab>')).map((line) => line.replace(/^\$ /, '')),
      run.output.replaceAll('\x07', ''),
    );
    expect(missing, run.output).toBeUndefined();
  });

  it.runIf(hasShell('zsh'))('zsh: flags, choice values, rule ids and file names', () => {
    const { home, bin } = shellHome();
    writeFileSync(
      join(home, '.zshrc'),
      `PROMPT='$ '\nautoload -Uz compinit && compinit -u -d ${JSON.stringify(join(home, '.zcompdump'))}\n${ksec(['completion', 'zsh']).stdout}`,
    );
    const run = inShell(['/usr/bin/env', 'zsh', '-i'], home, bin, [
      { expect: '$ ' },
      { send: 'ksec diff --f\t' },
      { expect: '--format' },
      { send: '\x15' },
      { send: 'ksec init --networking \t\t' },
      { expect: 'cilium' },
      { send: '\x15' },
      { send: 'ksec explain kops/ssh\t' },
      { expect: 'kops/ssh-access-restricted' },
      { send: '\x15' },
      { send: 'ksec diff examples/kops-c\t' },
      { expect: 'examples/kops-cluster.yaml' },
      { send: '\x15' },
      { send: 'exit\r' },
    ]);
    expect(run.error, run.output).toBeNull();
    expect(run.output).toContain('--fail-on');
  });
});
