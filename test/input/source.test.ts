import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSource, positionOf } from '../../src/input/source.ts';
import { blockYaml } from '../../src/input/yaml-emit.ts';
import { formatPath } from '../../src/model.ts';

const key = fc.stringMatching(/^[a-z][a-zA-Z0-9]{0,8}$/);
const scalar = fc.oneof(fc.integer(), fc.boolean(), fc.stringMatching(/^[a-z0-9 ./:-]{0,12}$/));
const tree = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.dictionary(key, tie('node'), { minKeys: 1, maxKeys: 4 }),
    fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
  ),
})).node;
const document = fc.dictionary(key, tree, { minKeys: 1, maxKeys: 5 });

/** Every path to a leaf or collection in a plain value. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...paths(v, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
  }
  return [];
}

describe('parseSource and positionOf', () => {
  it('reads what ksec writes back to the same value, in block or flow (JSON) style', () => {
    fc.assert(
      fc.property(document, fc.boolean(), (value, json) => {
        const text = json ? JSON.stringify(value, null, 2) : blockYaml(value);
        const parsed = parseSource(text, 'p.yaml');
        expect(parsed.errors).toEqual([]);
        expect(parsed.documents[0]?.value).toEqual(value);
      }),
    );
  });

  it('points every existing path at the line where its key (or item) is written', () => {
    fc.assert(
      fc.property(document, (value) => {
        const text = blockYaml(value);
        const source = parseSource(text, 'p.yaml').documents[0];
        if (!source) throw new Error('no document');
        const lines = text.split('\n');
        for (const path of paths(value)) {
          const { line, column } = positionOf(source, path);
          const last = path[path.length - 1];
          const at = lines[line - 1]?.slice(column - 1) ?? '';
          if (typeof last === 'string')
            expect(at.startsWith(last) || at.startsWith(JSON.stringify(last))).toBe(true);
          else expect(line).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('points a missing key at its deepest existing parent', () => {
    const source = parseSource('a: 1\nspec:\n  kubelet:\n    x: 1\n', 'p.yaml').documents[0];
    if (!source) throw new Error('no document');
    expect(positionOf(source, ['spec', 'kubelet', 'anonymousAuth'])).toEqual({ line: 3, column: 3 });
    expect(positionOf(source, ['spec', 'missing', 'deeper'])).toEqual({ line: 2, column: 1 });
  });

  it('reports each broken document with its line and keeps the others', () => {
    const parsed = parseSource('a: 1\n---\nb: [1, 2\n---\nc: 3\n', 'multi.yaml');
    expect(parsed.documents.map((d) => d.value)).toEqual([{ a: 1 }, { c: 3 }]);
    expect(parsed.errors.length).toBeGreaterThan(0);
    expect(parsed.errors[0]).toMatchObject({ file: 'multi.yaml' });
    expect(parsed.errors[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('formats paths the way the JSON report documents them', () => {
    expect(formatPath(['spec', 'fileAssets', 0, 'roles'])).toBe('spec.fileAssets[0].roles');
    expect(formatPath([2, 'name'])).toBe('[2].name');
    expect(formatPath(['metadata', 'annotations', 'ksec.io/ignore'])).toBe(
      'metadata.annotations["ksec.io/ignore"]',
    );
  });
});

describe('positions of values that come from merges and aliases', () => {
  const text = `x-base: &base
  securityContext: {privileged: true}
spec:
  <<: {hostNetwork: true}
  initContainers:
  - &init {name: init, securityContext: {privileged: true}}
  containers:
  - <<: *base
    name: app
  ephemeralContainers:
  - *init
`;

  it('point at the line the value is written on', () => {
    const source = parseSource(text, 'p.yaml').documents[0];
    if (!source) throw new Error('no document');
    // From the merged mapping of line 4.
    expect(positionOf(source, ['spec', 'hostNetwork'])).toEqual({ line: 4, column: 8 });
    // From the anchor &base: the key written on line 2.
    expect(positionOf(source, ['spec', 'containers', 0, 'securityContext', 'privileged'])).toEqual({
      line: 2,
      column: 21,
    });
    // An explicit key beside the merge stays where it is.
    expect(positionOf(source, ['spec', 'containers', 0, 'name'])).toEqual({ line: 9, column: 5 });
    // Through the alias *init: inside the anchored mapping, line 6.
    expect(positionOf(source, ['spec', 'ephemeralContainers', 0, 'securityContext', 'privileged'])).toEqual({
      line: 6,
      column: 42,
    });
  });
});
