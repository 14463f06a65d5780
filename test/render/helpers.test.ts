import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { renderPartial, renderTemplate } from '../../src/render/handlebars.ts';
import { helpers, yamlValue } from '../../src/render/helpers.ts';
import { KsecError } from '../../src/util/errors.ts';
import { shellQuote, shellQuotePath } from '../../src/util/shell.ts';

const HOSTILE = [
  'a\nb: injected',
  'x: y',
  '- item',
  '---\nkind: Secret',
  '"quoted"',
  "it's",
  '#comment',
  '&anchor',
  '*alias',
  '!!python/object',
  '{a: 1}',
  '[1, 2]',
  'yes',
  'NO',
  'on',
  '~',
  'null',
  '0x1F',
  '1e3',
  '012',
  '1.5',
  '',
  ' leading',
  'trailing ',
  '| block',
  '> folded',
  '%TAG',
  '@reserved',
  '`backtick`',
  'tab\there',
  '\u2028line separator',
  '$(touch /tmp/pwned)',
  '`touch /tmp/pwned`',
  "'; rm -rf / #",
];

describe('yaml helper', () => {
  it('parses back to exactly the string, for hostile and random strings', () => {
    for (const value of HOSTILE) expect(parse(`key: ${yamlValue(value)}\n`)).toEqual({ key: value });
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (value) => {
        const docs = parseAllDocuments(`key: ${yamlValue(value)}\nnext: 1\n`);
        expect(Array.isArray(docs) ? docs.length : 0).toBe(1);
        expect(parse(`key: ${yamlValue(value)}\nnext: 1\n`)).toEqual({ key: value, next: 1 });
      }),
      { numRuns: 500 },
    );
  });

  it('escapes the characters YAML 1.1 parsers read as line breaks, C1 and bidirectional controls', () => {
    const value = 'a\u2028b\u2029c\u0085d\u007fe\ufefff\u202eg\u2066h\u200ei';
    const quoted = yamlValue(value);
    expect(quoted).toMatch(/^"[\x20-\x7e]*"$/);
    expect(parse(`key: ${quoted}`)).toEqual({ key: value });
  });

  it('keeps plain scalars plain where no YAML schema can misread them', () => {
    expect(yamlValue('dev.example.com')).toBe('dev.example.com');
    expect(yamlValue('10.0.0.0/8')).toBe('10.0.0.0/8');
    expect(yamlValue('1.35.0')).toBe('1.35.0');
    expect(yamlValue('/var/log/kube-apiserver-audit.log')).toBe('/var/log/kube-apiserver-audit.log');
    expect(yamlValue('yes')).toBe('"yes"');
    expect(yamlValue('1.5')).toBe('"1.5"');
    expect(yamlValue(1)).toBe('1');
    expect(yamlValue(false)).toBe('false');
    expect(parse(`k: ${yamlValue(['a: b', 1, { 'x\ny': ['- z'] }])}`)).toEqual({
      k: ['a: b', 1, { 'x\ny': ['- z'] }],
    });
  });
});

describe('shq helper', () => {
  // The scripts ksec writes run with bash; $'…' (written for control characters) is bash's.
  it('makes bash read back exactly the string, never running it', () => {
    const script = HOSTILE.map((value) => `printf '%s\\0' ${shellQuote(value)}`).join('\n');
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(HOSTILE);
  });

  it('round-trips random strings through bash, one line per word', () => {
    const samples = fc.sample(
      fc
        .oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }))
        .filter((s) => !s.includes('\0')),
      { numRuns: 300, seed: 42 },
    );
    const words = samples.map((value) => shellQuote(value));
    for (const word of words) expect(word).not.toMatch(/[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}]/u);
    const script = words.map((word) => `printf '%s\\0' ${word}`).join('\n');
    const out = execFileSync('bash', ['-c', script], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
    expect(out.split('\0').slice(0, -1)).toEqual(samples);
  });

  it('quotes text without control characters the POSIX way, which every sh reads (dash too)', () => {
    const samples = [
      ...HOSTILE.filter((value) => !/[\p{Cc}\p{Zl}\p{Zp}]/u.test(value)),
      ...fc.sample(
        fc.string({ unit: 'grapheme' }).filter((s) => !/[\p{Cc}\p{Bidi_Control}\p{Zl}\p{Zp}]/u.test(s)),
        { numRuns: 200, seed: 7 },
      ),
    ];
    for (const value of samples) expect(shellQuote(value)).not.toMatch(/^\$'/);
    const script = samples.map((value) => `printf '%s\\0' ${shellQuote(value)}`).join('\n');
    const out = execFileSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(samples);
  });

  it("writes control characters, bidi controls and separators as $'\\xHH' bytes", () => {
    expect(shellQuote('a\nb')).toBe("$'a\\x0ab'");
    expect(shellQuote("it's\u001b[2J\\")).toBe("$'it\\'s\\x1b[2J\\\\'");
    expect(shellQuote('x\u202ey')).toBe("$'x\\xe2\\x80\\xaey'");
    expect(shellQuote('\u2028')).toBe("$'\\xe2\\x80\\xa8'");
    expect(shellQuote('\u0085')).toBe("$'\\xc2\\x85'");
    // A hex digit after an escape stays literal: bash reads at most two digits.
    expect(execFileSync('bash', ['-c', `printf %s ${shellQuote('\u001bff')}`], { encoding: 'utf8' })).toBe(
      '\u001bff',
    );
  });

  it('refuses a NUL character: no shell word can hold one', () => {
    expect(() => shellQuote('a\u0000b')).toThrow(KsecError);
    expect(() => shellQuote('a\u0000b')).toThrow('"a\\x00b"');
  });

  it('leaves safe words plain and keeps ~/ expandable for paths', () => {
    expect(shellQuote('s3://bucket/prefix')).toBe('s3://bucket/prefix');
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuotePath('~/.ssh/id ed25519.pub')).toBe(`"$HOME"/'.ssh/id ed25519.pub'`);
    const home = execFileSync('sh', ['-c', `printf %s ${shellQuotePath('~/x y')}`], {
      encoding: 'utf8',
      env: { HOME: '/home/test', PATH: process.env.PATH },
    });
    expect(home).toBe('/home/test/x y');
  });
});

describe('commentValue helper', () => {
  it('keeps a value on its comment line', () => {
    const render = (value: string) => helpers.commentValue?.(value, {} as never);
    expect(render('apps\nkind: Secret')).toBe('apps\\nkind: Secret');
    expect(render('a\u2028b\u0085c\u202e')).toBe('a\\u2028b\\u0085c\\u202e');
    expect(render('apps')).toBe('apps');
  });
});

describe('templates', () => {
  it('renders partials on their own, the source of snippets', () => {
    const text = renderPartial('kops/instance-metadata', { hopLimit: 1 });
    expect(parse(text)).toEqual({ instanceMetadata: { httpTokens: 'required', httpPutResponseHopLimit: 1 } });
  });

  it('fails loudly on a missing field (strict) and an unknown partial', () => {
    expect(() => renderPartial('kops/instance-metadata', {})).toThrow(/does not have/);
    expect(() => renderPartial('kops/nope', {})).toThrow(/no template partial named "kops\/nope"/);
    expect(() => renderTemplate('kops/does-not-exist', {})).toThrow();
  });
});

describe('kops partials render on their own from the same context as init', () => {
  it('each cluster-level partial is a YAML mapping with its one top-level key', async () => {
    const { resolveAnswers } = await import('../../src/wizard/resolve.ts');
    const { kopsContext } = await import('../../src/generate/kops.ts');
    const answers = await resolveAnswers({
      flags: {
        provider: 'kops',
        name: 'dev.example.com',
        state: 's3://example-kops-state',
        zones: 'eu-west-1a',
        apiCidrs: '203.0.113.0/24',
      },
      interactive: false,
    });
    const context = kopsContext(answers);
    const expected: Record<string, string[]> = {
      'kops/kube-api-server': ['kubeAPIServer'],
      'kops/kubelet': ['kubelet'],
      'kops/audit-file-asset': ['fileAssets'],
      'kops/api-access': ['kubernetesApiAccess'],
      'kops/ssh-access': ['sshAccess', 'sshKeyName'],
      'kops/networking': ['networking'],
    };
    for (const [name, keys] of Object.entries(expected))
      expect(Object.keys(parse(renderPartial(name, context))), name).toEqual(keys);
    const policy = parse(renderPartial('kops/audit-policy', context));
    expect(policy).toMatchObject({ apiVersion: 'audit.k8s.io/v1', kind: 'Policy' });
    const group = parse(renderPartial('kops/instance-group', context.instanceGroups[0] ?? {}));
    expect(group.kind).toBe('InstanceGroup');
  });
});
