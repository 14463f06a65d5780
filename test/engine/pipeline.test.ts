// The library's streaming run: results come out file by file as they are done (a run never waits to
// have read everything), in a stable order, one bad operand costing only itself.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { type DiffEvent, diff } from '../../src/engine/pipeline.ts';
import { compareResults } from '../../src/engine/regressions.ts';
import { catalog } from '../../src/rules/index.ts';

const POD = (name: string, privileged = false) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n  containers:\n  - name: app\n    image: app:1.0\n    securityContext: {privileged: ${privileged}}\n`;

function tree(count: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-pipeline-'));
  mkdirSync(join(dir, 'specs'));
  for (let i = 0; i < count; i++)
    writeFileSync(join(dir, 'specs', `p${String(i).padStart(3, '0')}.yaml`), POD(`p${i}`));
  return dir;
}

async function collect(run: AsyncGenerator<DiffEvent>) {
  const events: DiffEvent[] = [];
  for await (const event of run) events.push(event);
  return events;
}

describe('diff (the library run)', () => {
  it('yields each file before it has read the last one', async () => {
    const dir = tree(20);
    let seen = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    // Standard input comes last and answers only once a file's result is out: a run that read every
    // input before reporting would wait here for ever.
    const readStdin = async () => {
      await gate;
      return POD('from-stdin');
    };
    const events: DiffEvent[] = [];
    for await (const event of diff(['specs', '-'], { cwd: dir, readStdin })) {
      events.push(event);
      if (event.type === 'file' && ++seen === 1) release();
    }
    const files = events.flatMap((e) => (e.type === 'file' ? [e.result.file] : []));
    expect(files).toHaveLength(21);
    expect(files.at(-1)).toBe('<stdin>');
  }, 10_000);

  it('gives the files in the order of the operands and, in a directory, of the names', async () => {
    const dir = tree(3);
    writeFileSync(join(dir, 'z.yaml'), POD('z'));
    const events = await collect(
      diff(['z.yaml', 'specs', 'missing.yaml'], { cwd: dir, readStdin: async () => '' }),
    );
    const files = events.flatMap((e) => (e.type === 'file' ? [e.result.file] : []));
    expect(files).toEqual([
      'z.yaml',
      'specs/p000.yaml',
      'specs/p001.yaml',
      'specs/p002.yaml',
      'missing.yaml',
    ]);
    const end = events.at(-1);
    expect(end?.type === 'end' && end.summary).toMatchObject({ files: 4, errors: 1 });
  });

  it('writes fixes through the write it is given, and reports the fixed text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-pipeline-'));
    writeFileSync(join(dir, 'p.yaml'), POD('p', true));
    const written: string[] = [];
    const write = async (_file: string, path: string, text: string) => {
      written.push(path);
      writeFileSync(path, text);
      return undefined;
    };
    const events = await collect(diff(['p.yaml'], { cwd: dir, readStdin: async () => '', fix: true, write }));
    const result = events.find((e) => e.type === 'file');
    expect(written).toEqual([join(dir, 'p.yaml')]);
    expect(readFileSync(join(dir, 'p.yaml'), 'utf8')).toContain('privileged: false');
    expect(result?.type === 'file' && result.result.fix?.written).toBe(true);
    expect(
      result?.type === 'file' &&
        result.result.findings.some((f) => f.ruleId === 'workload/privileged-disabled'),
    ).toBe(false);
  });

  it('compares a single file with a single baseline file whatever their names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-pipeline-'));
    writeFileSync(join(dir, 'old-name.yaml'), POD('p'));
    writeFileSync(join(dir, 'new-name.yaml'), POD('p', true));
    const events = await collect(
      diff(['new-name.yaml'], { cwd: dir, readStdin: async () => '', baseline: 'old-name.yaml' }),
    );
    const result = events.find((e) => e.type === 'file');
    const introduced = result?.type === 'file' ? (result.result.baseline?.introduced ?? []) : [];
    expect(introduced.map((f) => f.ruleId)).toEqual(['workload/privileged-disabled']);
    const end = events.at(-1);
    expect(end?.type === 'end' && end.summary.baseline?.resolved).toEqual([]);
  });

  it('compares each file of a directory with the baseline as compareResults does', async () => {
    const before = tree(6);
    const after = tree(6);
    // Some files change for the worse, one is gone from the new version, one object is renamed.
    writeFileSync(join(after, 'specs', 'p001.yaml'), POD('p1', true));
    writeFileSync(join(after, 'specs', 'p004.yaml'), POD('p4', true).replace('app:1.0', 'app:2.0'));
    writeFileSync(join(after, 'specs', 'p002.yaml'), POD('renamed', true));
    writeFileSync(join(before, 'specs', 'p003.yaml'), POD('p3', true));
    const events = await collect(
      diff(['specs'], { cwd: after, readStdin: async () => '', baseline: join(before, 'specs') }),
    );
    const files = events.flatMap((e) => (e.type === 'file' ? [e.result] : []));
    expect(files.map((r) => r.file)).toHaveLength(6);
    const read = (dir: string, name: string) => readFileSync(join(dir, 'specs', name), 'utf8');
    let resolved = 0;
    for (const result of files) {
      const name = result.file.split('/').at(-1) as string;
      const expected = compareResults(
        checkText(read(before, name), name),
        checkText(read(after, name), name),
        catalog,
      );
      expect(result.baseline?.introduced.map((f) => f.id)).toEqual(expected.introduced.map((f) => f.id));
      expect(result.baseline?.changes).toEqual(expected.changes);
      resolved += expected.resolved.length;
    }
    expect(files.some((r) => (r.baseline?.changes.length ?? 0) > 0)).toBe(true);
    expect(files.some((r) => (r.baseline?.introduced.length ?? 0) > 0)).toBe(true);
    const end = events.at(-1);
    expect(end?.type === 'end' ? end.summary.baseline?.resolved : undefined).toHaveLength(resolved);
    expect(resolved).toBeGreaterThan(0);
  });
});
