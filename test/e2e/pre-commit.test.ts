// The hook pre-commit users add: it must parse, name a ksec command, and behave on the mix of files
// pre-commit passes (cluster specs next to unrelated YAML).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ksec, ROOT } from './helpers.ts';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types_or?: string[];
}

const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

describe('.pre-commit-hooks.yaml', () => {
  it('declares node hooks that run ksec', () => {
    expect(hooks.length).toBeGreaterThan(0);
    for (const hook of hooks) {
      expect(hook).toMatchObject({ id: expect.any(String), name: expect.any(String), language: 'node' });
      expect(hook.entry).toMatch(/^ksec /);
    }
  });

  it('reports findings in a cluster spec and lets unrelated YAML pass', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-pre-commit-'));
    cpSync(join(ROOT, 'examples/kops-cluster.yaml'), join(dir, 'cluster.yaml'));
    writeFileSync(join(dir, 'workflow.yaml'), 'name: ci\non: [push]\njobs: {}\n');
    const args = (hooks[0] as Hook).entry.split(' ').slice(1);

    const both = ksec([...args, 'cluster.yaml', 'workflow.yaml'], { cwd: dir });
    expect(both.code).toBe(1);
    expect(both.stdout).toContain('cluster.yaml');
    expect(both.stderr).toBe('');

    const unrelated = ksec([...args, 'workflow.yaml'], { cwd: dir });
    expect(unrelated.code).toBe(0);
    expect(unrelated.stderr).toBe('');
    // Without the flag, a named file with nothing to check is an input error.
    expect(ksec(['diff', 'workflow.yaml'], { cwd: dir }).code).toBe(2);
  });
});
