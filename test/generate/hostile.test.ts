import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { generate } from '../../src/generate/index.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import { KOPS_REQUIRED } from '../wizard/helpers.ts';

/**
 * The wizard refuses these values, but generate() is a library function: its templates must not
 * let any string add YAML structure or run a shell command, whatever a caller passes.
 */
const HOSTILE = [
  'x.example.com\nspec:\n  authorization:\n    alwaysAllow: {}',
  'x"; touch pwned; echo "',
  "x'; touch pwned; echo '",
  '$(touch pwned)',
  '`touch pwned`',
  '---\nkind: Secret',
  '- 0.0.0.0/0',
  'a: b # c',
  '{x: 1}',
  '*alias',
  'yes',
];

async function baseAnswers() {
  return resolveAnswers({
    flags: { ...KOPS_REQUIRED, sshCidrs: ['198.51.100.0/24'], bastion: true },
    interactive: false,
  });
}

function render(answers: Record<string, unknown>) {
  const files = Object.fromEntries(generate(answers).map((f) => [f.path, f.content]));
  return { yaml: files['cluster.yaml'] ?? '', sh: files['kops-commands.sh'] ?? '' };
}

/**
 * Runs the whole script with a stub `kops` on PATH that records the state store and its
 * arguments; returns what kops would have been called with, and whether anything else ran.
 */
function runScript(script: string): { state: string[]; calls: string[][]; pwned: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-hostile-'));
  const bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'kops'),
    '#!/usr/bin/env bash\nprintf \'%s\\0\' "$KOPS_STATE_STORE" >>"$LOG_DIR/state"\nfor a in "$@"; do printf \'%s\\0\' "$a"; done >>"$LOG_DIR/calls"\nprintf \'\\1\' >>"$LOG_DIR/calls"\n',
    { mode: 0o755 },
  );
  const work = join(dir, 'out');
  mkdirSync(work);
  writeFileSync(join(work, 'kops-commands.sh'), script, { mode: 0o755 });
  execFileSync('bash', [join(work, 'kops-commands.sh')], {
    env: { PATH: `${bin}:${process.env.PATH}`, HOME: dir, LOG_DIR: dir },
    stdio: 'pipe',
  });
  const state = readFileSync(join(dir, 'state'), 'utf8').split('\0').slice(0, -1);
  const calls = readFileSync(join(dir, 'calls'), 'utf8')
    .split('\u0001')
    .slice(0, -1)
    .map((call) => call.split('\0').slice(0, -1));
  return { state, calls, pwned: existsSync(join(work, 'pwned')) || existsSync(join(dir, 'pwned')) };
}

describe('no answer can inject YAML structure or shell commands', () => {
  it.each(HOSTILE)('%j', async (hostile) => {
    const answers = { ...(await baseAnswers()), name: hostile, state: hostile, sshPublicKey: hostile };
    const { yaml, sh } = render(answers);
    const docs = parseAllDocuments(yaml).map((d) => d.toJS());
    expect(docs).toHaveLength(6);
    const cluster = docs[0];
    expect(cluster.metadata.name).toBe(hostile);
    expect(cluster.spec.authorization).toEqual({ rbac: {} });
    expect(cluster.spec.configBase).toBe(`${hostile}/${hostile}`);
    for (const group of docs.slice(1)) expect(group.metadata.labels['kops.k8s.io/cluster']).toBe(hostile);
    const ran = runScript(sh);
    expect(ran.pwned).toBe(false);
    expect(new Set(ran.state)).toEqual(new Set([hostile]));
    expect(ran.calls.map((call) => call.slice(0, 2))).toEqual([
      ['create', '-f'],
      ['create', 'sshpublickey'],
      ['create', 'secret'],
      ['update', 'cluster'],
      ['validate', 'cluster'],
    ]);
    for (const call of ran.calls.slice(1)) expect(call[call.indexOf('--name') + 1]).toBe(hostile);
    expect(ran.calls[1]?.at(-1)).toBe(hostile); // the public key path
  });

  it('holds for random strings in every free-text answer', async () => {
    const base = await baseAnswers();
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }).filter((s) => !s.includes('\0')),
        (value) => {
          const { yaml, sh } = render({
            ...base,
            name: value,
            state: value,
            apiCidrs: [value],
            sshCidrs: [value],
          });
          const docs = parseAllDocuments(yaml).map((d) => d.toJS());
          expect(docs).toHaveLength(6);
          expect(docs[0].metadata.name).toBe(value);
          expect(docs[0].spec.kubernetesApiAccess).toEqual([value]);
          expect(docs[0].spec.sshAccess).toEqual([value]);
          const ran = runScript(sh);
          expect(new Set(ran.state)).toEqual(new Set([value]));
          expect(ran.calls.at(-1)).toEqual(['validate', 'cluster', '--name', value, '--wait', '15m']);
        },
      ),
      { numRuns: 25 },
    );
  });
});
