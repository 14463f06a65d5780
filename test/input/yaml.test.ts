// What kubectl sends for a given YAML text. kubectl, the API server's YAML path and kops decode with
// sigs.k8s.io/yaml (yaml.go: Unmarshal/YAMLToJSON), which runs go-yaml v2 (go.yaml.in/yaml/v2 v2.4.2)
// and then turns map keys into JSON keys (yaml.go convertToJSONableObject). Each expectation below is
// read from those sources:
//   resolve.go  resolveMapList (booleans, nulls, .inf/.nan), resolve() (ints via strconv.ParseInt(s, 0,
//               64) after removing `_`, floats via yamlStyleFloat, timestamps kept as strings for an
//               interface{}), "Base 60 floats ... purposefully unsupported";
//   decode.go   mapping()/merge()/isMerge() (merge keys in document order, first source wins in a list),
//               alias() ("anchor '%s' value contains itself"), scalar() (quoted = string, !!binary);
//   parserc.go  yaml_parser_process_directives ("found incompatible YAML document" for %YAML other than 1.1).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_YAML_LIMITS, formatFloat32, readYaml } from '../../src/input/yaml.ts';
import { blockYaml, flowYaml, scalarYaml, writesPlain } from '../../src/input/yaml-emit.ts';

function value(text: string): unknown {
  const stream = readYaml(text);
  expect(stream.errors).toEqual([]);
  return JSON.parse(JSON.stringify(stream.documents[0]?.value));
}

function error(text: string): { line: number; col: number; message: string } {
  const stream = readYaml(text);
  const first = stream.errors[0];
  if (!first) throw new Error(`no error for ${JSON.stringify(text.slice(0, 60))}`);
  return { ...stream.lineCounter.linePos(first.offset), message: first.message };
}

describe('scalars resolve as go-yaml v2 resolves them', () => {
  const cases: [string, unknown][] = [
    // YAML 1.1 booleans (resolve.go resolveMapList), in the three spellings go-yaml knows.
    ['y', true],
    ['Y', true],
    ['yes', true],
    ['Yes', true],
    ['YES', true],
    ['on', true],
    ['On', true],
    ['ON', true],
    ['true', true],
    ['True', true],
    ['TRUE', true],
    ['n', false],
    ['N', false],
    ['no', false],
    ['No', false],
    ['NO', false],
    ['off', false],
    ['Off', false],
    ['OFF', false],
    ['false', false],
    ['False', false],
    ['FALSE', false],
    // Other spellings stay strings.
    ['yEs', 'yEs'],
    ['oN', 'oN'],
    ['tRUE', 'tRUE'],
    ['nan', 'nan'],
    ['inf', 'inf'],
    // Nulls.
    ['~', null],
    ['null', null],
    ['Null', null],
    ['NULL', null],
    ['', null],
    ['nULL', 'nULL'],
    // Integers: strconv.ParseInt(s, 0, 64) after removing underscores.
    ['0777', 511],
    ['0o17', 15],
    ['0x1F', 31],
    ['0X1f', 31],
    ['0b101', 5],
    ['-0b101', -5],
    ['+12', 12],
    ['1_000', 1000],
    ['-0x10', -16],
    ['0', 0],
    ['-0', 0],
    ['9007199254740991', 9007199254740991],
    // Not octal: 08 fails ParseInt, then matches yamlStyleFloat.
    ['08', 8],
    ['09.5', 9.5],
    // Floats.
    ['1.5', 1.5],
    ['1e3', 1000],
    ['-1.5E-2', -0.015],
    ['.5', 0.5],
    ['1.', 1],
    ['+.5', 0.5],
    ['1_0.5', 10.5],
    // Overflowing floats fail ParseFloat and stay strings.
    ['1e400', '1e400'],
    // No base 60, no YAML 1.2-only forms that 1.1 lacks.
    ['1:20', '1:20'],
    ['190:20:30', '190:20:30'],
    // Timestamps reach an interface{} as the original string.
    ['2001-12-14', '2001-12-14'],
    ['2001-12-14t21:59:43.10-05:00', '2001-12-14t21:59:43.10-05:00'],
    // Versions, CIDRs, quantities, ports: strings or numbers exactly as Kubernetes sees them.
    ['1.35.5', '1.35.5'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['100Mi', '100Mi'],
    ['1.0', 1],
    ['0.5', 0.5],
  ];
  it.each(cases)('%s', (text, expected) => {
    expect(value(`v: ${text}\n`)).toEqual({ v: expected });
  });

  it('quoted and block scalars are strings, whatever they contain', () => {
    expect(value(`a: "yes"\nb: 'on'\nc: "0777"\nd: |\n  true\ne: >-\n  12\n`)).toEqual({
      a: 'yes',
      b: 'on',
      c: '0777',
      d: 'true\n',
      e: '12',
    });
  });

  it('explicit tags convert as go-yaml converts, and refuse what it refuses', () => {
    expect(
      value(`a: !!str 5\nb: !!int "5"\nc: !!bool "yes"\nd: !!float 3\ne: ! 12\nf: !custom on\n`),
    ).toEqual({
      a: '5',
      b: 5,
      c: true,
      d: 3,
      // `!` (non-specific) and unknown tags keep the text.
      e: '12',
      f: 'on',
    });
    expect(value('a: !!binary aGVsbG8=\n')).toEqual({ a: 'hello' });
    expect(error('a: !!int abc\n').message).toBe('cannot decode !!str `abc` as a !!int');
    expect(error('a: !!binary "no*base64"\n').message).toBe('!!binary value contains invalid base64 data');
    expect(error('a: !!null x\n').message).toBe('cannot decode !!str `x` as a !!null');
  });

  it('.inf and .nan cannot become JSON: kubectl refuses the document, and so does ksec', () => {
    expect(error('a: .inf\n').message).toMatch(/not a JSON number/);
    expect(error('a: [1, -.Inf]\n')).toMatchObject({ line: 1, col: 8 });
    expect(error('a: .NaN\n').message).toMatch(/not a JSON number/);
  });
});

describe('map keys become JSON keys as sigs.k8s.io/yaml makes them', () => {
  it('booleans, numbers and strings', () => {
    expect(value('on: a\nn: b\n1: c\n0x10: d\n1.5: e\n1e6: f\n"yes": g\n')).toEqual({
      true: 'a',
      false: 'b',
      1: 'c',
      16: 'd',
      '1.5': 'e',
      '1e+06': 'f',
      yes: 'g',
    });
  });

  it('formats float keys as Go formats a float32 (%g, shortest)', () => {
    expect(formatFloat32(1.5)).toBe('1.5');
    expect(formatFloat32(1.1)).toBe('1.1');
    expect(formatFloat32(100000)).toBe('100000');
    expect(formatFloat32(1e21)).toBe('1e+21');
    expect(formatFloat32(1e6)).toBe('1e+06');
    expect(formatFloat32(123456789)).toBe('1.2345679e+08');
    expect(formatFloat32(0.0001)).toBe('0.0001');
    expect(formatFloat32(0.00001)).toBe('1e-05');
  });

  it('refuses keys JSON cannot have, and two keys that become one', () => {
    expect(error('~: a\n').message).toMatch(/unsupported map key of type <nil>/);
    expect(error('? [a]\n: 1\n').message).toMatch(/invalid map key/);
    // `on` and `true` are both the key "true" to kubectl: which one it keeps is undefined.
    expect(error('on: 1\ntrue: 2\n')).toMatchObject({
      line: 2,
      col: 1,
      message: expect.stringMatching(/duplicate key 'true'/),
    });
    expect(error('a: 1\nb: 2\na: 3\n')).toMatchObject({ line: 3, col: 1 });
  });

  it('keeps a __proto__ key as data, never as a prototype', () => {
    const read = readYaml('__proto__: {polluted: yes}\n').documents[0]?.value as Record<string, unknown>;
    expect(Object.keys(read)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('merge keys apply as go-yaml v2 applies them', () => {
  it('a privileged container or host namespaces hidden in a merge reach the object', () => {
    expect(
      value(
        'spec:\n  <<: {hostNetwork: true, hostPID: true}\n  containers:\n  - <<: {securityContext: {privileged: true}}\n    name: app\n',
      ),
    ).toEqual({
      spec: {
        hostNetwork: true,
        hostPID: true,
        containers: [{ securityContext: { privileged: true }, name: 'app' }],
      },
    });
  });

  it('in document order: a merge overrides the keys before it, the keys after it override the merge', () => {
    expect(value('a: 1\n<<: {a: 2, b: 2}\n')).toEqual({ a: 2, b: 2 });
    expect(value('<<: {a: 2, b: 2}\na: 1\n')).toEqual({ a: 1, b: 2 });
  });

  it('from an alias, a list of sources (the first wins), and nested merges', () => {
    expect(value('base: &base {a: 1, b: 1}\nx:\n  <<: *base\n  b: 2\n')).toEqual({
      base: { a: 1, b: 1 },
      x: { a: 1, b: 2 },
    });
    expect(value('x:\n  <<: [{a: 1}, {a: 2, c: 2}]\n')).toEqual({ x: { a: 1, c: 2 } });
    expect(value('a: &a {k: 1}\nb: &b {<<: *a, j: 2}\nc: {<<: *b}\n')).toMatchObject({ c: { k: 1, j: 2 } });
    expect(value('x: {!!merge <<: {a: 1}}\n')).toEqual({ x: { a: 1 } });
  });

  it('a quoted "<<" is an ordinary key', () => {
    expect(value('"<<": {a: 1}\n')).toEqual({ '<<': { a: 1 } });
  });

  it('refuses a merge of anything but mappings, at the merge value', () => {
    expect(error('%YAML 1.1\n---\n<<: 5\n')).toMatchObject({
      line: 3,
      col: 5,
      message: 'map merge requires a mapping or a sequence of mappings as the value',
    });
    expect(error('a: &a [1]\nb: {<<: *a}\n').message).toMatch(/map merge requires/);
    expect(error('b: {<<: [{a: 1}, 2]}\n').message).toMatch(/map merge requires/);
    expect(error('b:\n  <<:\n').message).toMatch(/map merge requires/);
  });
});

describe('anchors and aliases', () => {
  it('an alias is a copy of the nearest anchor before it', () => {
    expect(value('a: &x 1\nb: *x\nc: &x 2\nd: *x\n')).toEqual({ a: 1, b: 1, c: 2, d: 2 });
    const read = readYaml('a: &x {k: 1}\nb: *x\n').documents[0]?.value as { a: object; b: object };
    // Copies, as Go decodes them: changing one never changes the other.
    expect(read.a).not.toBe(read.b);
  });

  it('refuses undefined, forward and cyclic aliases, at the alias', () => {
    expect(error('a: *nope\n')).toMatchObject({
      line: 1,
      col: 4,
      message: "unknown anchor 'nope' referenced",
    });
    expect(error('a: *later\nb: &later 1\n').message).toBe("unknown anchor 'later' referenced");
    expect(error('a: &a [*a]\n')).toMatchObject({
      line: 1,
      col: 8,
      message: "anchor 'a' value contains itself",
    });
    expect(error('a: &a {b: {c: *a}}\n').message).toBe("anchor 'a' value contains itself");
  });

  it('bounds alias expansion, counting empty collections too', () => {
    const empties = `e: &e []\nb: &b [${Array(1000).fill('*e').join(',')}]\nc: [${Array(1000).fill('*b').join(',')}]\n`;
    expect(error(empties)).toMatchObject({
      line: 3,
      message: expect.stringMatching(/aliases expand to more than 100000 nodes/),
    });
    let laughs = 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i < 9; i++) {
      const [name, previous] = [String.fromCharCode(97 + i), String.fromCharCode(96 + i)];
      laughs += `${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]\n`;
    }
    expect(error(laughs).message).toMatch(/alias bomb/);
    const merges = `a: &a {${Array.from({ length: 500 }, (_, i) => `k${i}: 1`).join(', ')}}\n${Array.from({ length: 500 }, (_, i) => `m${i}: {<<: *a}`).join('\n')}\n`;
    expect(error(merges).message).toMatch(/alias bomb/);
    // A limit is a limit: the same input passes with a larger budget.
    expect(readYaml(empties, { ...DEFAULT_YAML_LIMITS, maxAliasNodes: 3_000_000 }).errors).toEqual([]);
  });

  it('bounds the nesting an alias chain builds', () => {
    const chain = Array.from({ length: 300 }, (_, i) =>
      i === 0 ? 'k0: &a0 [1]' : `k${i}: &a${i} [*a${i - 1}]`,
    ).join('\n');
    expect(error(chain).message).toBe('nesting deeper than 256 levels (through aliases)');
  });
});

describe('nesting, broken documents and line breaks', () => {
  it.each([
    ['flow sequences', '['.repeat(100_000) + ']'.repeat(100_000)],
    ['an unclosed flow document', '{a: ['.repeat(20_000)],
    ['JSON', `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`],
    ['a line of dashes', `${'- '.repeat(100_000)}x\n`],
    ['block mappings', Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n')],
  ])('refuses deep %s at the level that is too deep, with one error', (_name, text) => {
    const stream = readYaml(text);
    expect(stream.errors).toHaveLength(1);
    expect(stream.errors[0]?.message).toBe('nesting deeper than 256 levels');
    expect(stream.documents).toEqual([]);
  });

  it('gives a broken document one error and keeps its neighbours', () => {
    const stream = readYaml(`a: 1\n---\nb: [${'x, '.repeat(500)}\n---\nc: 3\n`);
    expect(stream.errors).toHaveLength(1);
    expect(stream.errors[0]?.document).toBe(1);
    expect(stream.documents.map((d) => [d.index, d.value])).toEqual([
      [0, { a: 1 }],
      [2, { c: 3 }],
    ]);
  });

  it('refuses %YAML 1.2 as go-yaml does, and reads %YAML 1.1', () => {
    expect(error('%YAML 1.2\n---\na: 1\n').message).toMatch(/found incompatible YAML document/);
    expect(value('%YAML 1.1\n---\na: on\n')).toEqual({ a: true });
  });

  it('breaks lines where go-yaml does: CR, NEL, LINE and PARAGRAPH SEPARATOR', () => {
    expect(value('a: 1\rb: 2\r')).toEqual({ a: 1, b: 2 });
    expect(value('a: 1\r\nb: 2\r\n')).toEqual({ a: 1, b: 2 });
    // A privileged flag after a LINE SEPARATOR is a key to kubectl, not part of the name.
    expect(value('name: x\u2028privileged: true\n')).toEqual({ name: 'x', privileged: true });
    expect(value('name: x\u0085privileged: true\u2029')).toEqual({ name: 'x', privileged: true });
  });

  it('reads a BOM, comments and an empty stream', () => {
    expect(value('\ufeffa: 1 # c\n')).toEqual({ a: 1 });
    expect(readYaml('# only a comment\n')).toMatchObject({ documents: [], errors: [] });
    expect(readYaml('')).toMatchObject({ documents: [], errors: [] });
  });
});

describe('writing YAML that reads back as written', () => {
  const text = fc.oneof(
    fc.string(),
    fc.constantFrom(
      'yes',
      'on',
      'off',
      'y',
      'N',
      '~',
      'null',
      '0777',
      '0o17',
      '1_000',
      '08',
      '1e3',
      '.5',
      '.inf',
      '2001-12-14',
      '1:20',
      '<<',
      '-',
      '- x',
      'a: b',
      '#x',
      '\u2028',
      '\u0085',
      '\r',
      '\ufeff',
      'a\u007fb',
    ),
  );
  const json = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      text,
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
      fc.dictionary(text, tie('node'), { maxKeys: 4 }),
      fc.array(tie('node'), { maxLength: 3 }),
    ),
  })).node;

  it('scalars, flow values and block documents all read back as the same value', () => {
    fc.assert(
      fc.property(fc.dictionary(text, json, { maxKeys: 5 }), (doc) => {
        const expected = JSON.parse(JSON.stringify(doc));
        expect(readYaml(blockYaml(doc)).documents[0]?.value ?? {}).toEqual(expected);
        expect(readYaml(`v: ${flowYaml(doc)}\n`).documents[0]?.value).toEqual({ v: expected });
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });

  it('writes plain only what stays a string', () => {
    expect(writesPlain('RuntimeDefault')).toBe(true);
    expect(writesPlain('10.0.0.0/8')).toBe(true);
    for (const word of ['yes', 'on', 'n', '0777', '1_000', '0o17', '1e3', '.5', 'null', '~', ''])
      expect(writesPlain(word), word).toBe(false);
    expect(scalarYaml('on')).toBe('"on"');
    expect(scalarYaml('a\u2028b')).toBe('"a\\u2028b"');
  });
});

describe('JSON is read as JSON', () => {
  it('keeps LINE SEPARATOR and NEL inside a JSON string as characters, as Go’s JSON decoder does', () => {
    expect(value('{"name": "a\u2028b\u0085c"}')).toEqual({ name: 'a\u2028b\u0085c' });
    expect(value('[{"name": "a\u2028b"}]')).toEqual([{ name: 'a\u2028b' }]);
  });
});

describe('quoted scalars continue as libyaml continues them', () => {
  // go-yaml's scanner (scannerc.go yaml_parser_scan_flow_scalar) ends a quoted scalar only at its
  // closing quote; a continuation line may be indented less than the entry, and only a document
  // marker (`---`, `...`) at the start of a line is refused inside it.
  it('reads continuation lines indented less than their entry, as kubectl does', () => {
    expect(
      value('spec:\n  containers:\n  - name: app\n    args:\n    - "a long\n  continued"\n    image: x\n'),
    ).toEqual({
      spec: { containers: [{ name: 'app', args: ['a long continued'], image: 'x' }] },
    });
    expect(value("key: 'first\nsecond'\n")).toEqual({ key: 'first second' });
  });

  it('still refuses a document marker inside a quoted scalar, at the scalar', () => {
    const stream = readYaml('a: "x\n---\ny"\n');
    expect(stream.errors.length).toBeGreaterThan(0);
    expect(stream.errors[0]?.message).toMatch(/quote/);
  });
});
