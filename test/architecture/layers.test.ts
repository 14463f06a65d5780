// The layers of src/, lowest first. A module may import (statically or with `import()`) only from its
// own folder and from layers below it: the model knows nothing of ksec, reports never reach into the
// CLI, util never into rendering, and docs, snippets and reports do not go round in a circle.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

const LAYERS: readonly (readonly string[])[] = [
  ['model', 'version'],
  ['util'],
  ['input'],
  ['providers'],
  ['versions'],
  ['rules'],
  ['config'],
  ['engine'],
  ['remediation'],
  ['render'],
  ['wizard'],
  ['generate'],
  ['snippets'],
  ['docs'],
  ['report'],
  ['cli'],
  ['index'],
];

/** The layer of a file: its top folder under src/, or its own name for a file at the top. */
function layerOf(file: string): string {
  const [top = '', ...rest] = relative(SRC, file).split('/');
  return rest.length === 0 ? top.replace(/\.ts$/, '') : top;
}

function rank(layer: string): number {
  const index = LAYERS.findIndex((names) => names.includes(layer));
  if (index < 0) throw new Error(`src/${layer} is in no layer: add it to LAYERS`);
  return index;
}

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.[^'"]+)['"]|\bimport\(\s*['"](\.[^'"]+)['"]\s*\)/g;

describe('layers', () => {
  const files = sources(SRC);

  it('every folder of src/ has a layer', () => {
    for (const file of files) expect(() => rank(layerOf(file)), relative(SRC, file)).not.toThrow();
  });

  it('no import goes up a layer, or across to another folder of the same layer', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const from = layerOf(file);
      for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = resolve(dirname(file), match[1] ?? match[2] ?? '');
        if (!target.startsWith(SRC)) continue;
        const to = layerOf(target);
        if (to === from) continue;
        if (rank(to) >= rank(from)) wrong.push(`${relative(SRC, file)} imports ${relative(SRC, target)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('the model imports nothing of ksec', () => {
    const model = readFileSync(join(SRC, 'model.ts'), 'utf8');
    expect([...model.matchAll(IMPORT)].map((m) => m[1] ?? m[2])).toEqual([]);
  });

  it('catches a wrong import (the check itself works)', () => {
    expect(rank('report')).toBeGreaterThan(rank('engine'));
    expect(rank('util')).toBeLessThan(rank('render'));
  });
});
