// The progress line of a long `ksec diff`: on a terminal's stderr only, never under CI or on a dumb
// terminal, and always cleared before the next line is written.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/commands/diff.ts';
import { diff } from '../../src/engine/pipeline.ts';
import { memoryIo } from '../helpers/io.ts';

const io = (env: Record<string, string>, stderrIsTTY: boolean) => memoryIo('/', { env, stderrIsTTY });

describe('progress line', () => {
  it('shows on a terminal for a run of many files, and clears itself', () => {
    const terminal = io({}, true);
    const line = progressLine(terminal.io);
    line.update(10, 500);
    expect(terminal.err()).toBe('\rksec: checked 10 of 500 files\u001b[K');
    line.clear();
    expect(terminal.err().endsWith('\r\u001b[K')).toBe(true);
  });

  it('waits two seconds before it shows for a handful of files', () => {
    let clock = 0;
    const terminal = io({}, true);
    const line = progressLine(terminal.io, () => clock);
    line.update(1, 10);
    expect(terminal.err()).toBe('');
    clock = 2500;
    line.update(2, 10);
    expect(terminal.err()).toContain('checked 2 of 10 files');
  });

  it.each([
    ['CI', { CI: 'true' }, true],
    ['a dumb terminal', { TERM: 'dumb' }, true],
    ['a pipe', {}, false],
  ])('never shows under %s', (_name, env, tty) => {
    const run = io(env as Record<string, string>, tty);
    const line = progressLine(run.io);
    line.update(100, 1000);
    line.clear();
    expect(run.err()).toBe('');
  });

  it('comes from the library run as progress events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-progress-'));
    mkdirSync(join(dir, 'specs'));
    for (let i = 0; i < 5; i++)
      writeFileSync(
        join(dir, 'specs', `p${i}.yaml`),
        'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n',
      );
    const events: string[] = [];
    for await (const event of diff(['specs'], { cwd: dir, readStdin: async () => '', progressInterval: 0 })) {
      events.push(event.type === 'progress' ? `progress ${event.done}/${event.total}` : event.type);
    }
    expect(events.filter((e) => e.startsWith('progress')).at(-1)).toBe('progress 5/5');
    expect(events.at(-1)).toBe('end');
  });
});
