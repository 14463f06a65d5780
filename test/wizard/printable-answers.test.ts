// Answers end up in scripts, specs, comments and on the terminal: a NUL, ESC or other control
// character, a bidi control or a line separator in one is refused, with the reason.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Io } from '../../src/cli/io.ts';
import { reportError } from '../../src/cli/main.ts';
import { KsecError } from '../../src/util/errors.ts';
import { formatAnswers, parseAnswers } from '../../src/wizard/answers-file.ts';
import { questionGroups } from '../../src/wizard/questions/index.ts';
import { kopsQuestions } from '../../src/wizard/questions/kops.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import type { Answers } from '../../src/wizard/types.ts';
import { stripTrailing, validatePrintable } from '../../src/wizard/validate.ts';
import { GKE_REQUIRED } from '../helpers/gke-init-cases.ts';
import { KOPS_REQUIRED, scriptedAsk } from './helpers.ts';

const CONTROL = 'a control character';
const BIDI = 'a bidirectional control';
const BAD: [char: string, shown: string, kind: string][] = [
  ['\u0000', '\\x00', CONTROL],
  ['\u001b', '\\x1b', CONTROL],
  ['\u0007', '\\x07', CONTROL],
  ['\u007f', '\\x7f', CONTROL],
  ['\u009b', '\\u009b', CONTROL],
  ['\u202e', '\\u202e', BIDI],
  ['\u2066', '\\u2066', BIDI],
  ['\u2028', '\\u2028', 'a line separator'],
];

/** Required flags per provider, with every optional free-text question made to apply. */
const BASES: Record<string, Answers> = {
  kops: { ...KOPS_REQUIRED, sshCidrs: ['198.51.100.0/24'] },
  gke: { ...GKE_REQUIRED, region: 'europe-west1' },
};

function freeTextQuestions(provider: string) {
  return (
    questionGroups
      .filter((group) => group.applies({ provider }))
      .flatMap((group) => group.questions)
      .filter((q) => q.type === 'input' || q.type === 'list')
      .filter((q, index, all) => all.indexOf(q) === index)
      // The zone of a GKE cluster replaces its region; both are covered, one at a time.
      .filter((q) => !(provider === 'gke' && q.name === 'zone'))
  );
}

describe('validatePrintable', () => {
  it('names the character, where it is, and shows the value escaped', () => {
    expect(validatePrintable('dev\u001b[2J.example.com')).toBe(
      '"dev\\x1b[2J.example.com" holds a control character (\\x1b) at character 4; answers must be printable text',
    );
    expect(validatePrintable(['ok', 'a\u202eb'])).toBe(
      '"a\\u202eb" holds a bidirectional control (\\u202e) at character 2; answers must be printable text',
    );
    expect(validatePrintable('x\u2028')).toMatch(/holds a line separator \(\\u2028\)/);
    expect(validatePrintable('🙂\u0000')).toMatch(/at character 2;/);
    expect(validatePrintable('dev.example.com')).toBe(true);
    expect(validatePrintable(3)).toBe(true);
  });
});

describe('every free-text answer refuses control characters', () => {
  for (const provider of ['kops', 'gke']) {
    for (const question of freeTextQuestions(provider)) {
      it(`${provider} --${question.flag}`, async () => {
        for (const [char, shown, kind] of BAD) {
          // A list splits on whitespace, which the line separator is.
          if (question.type === 'list' && char === '\u2028') continue;
          const value = `a${char}b`;
          const flags = { ...BASES[provider], [question.name]: question.type === 'list' ? [value] : value };
          const run = resolveAnswers({ flags, interactive: false });
          await expect(run).rejects.toThrow(KsecError);
          await expect(run).rejects.toThrow(
            `--${question.flag}: "a${shown}b" holds ${kind} (${shown}) at character 2; answers must be printable text`,
          );
        }
      });
    }
  }

  it('in the answers file too', async () => {
    const file = { ...BASES.kops, name: 'dev\u001b.example.com' };
    await expect(resolveAnswers({ file, fileName: 'a.yaml', interactive: false })).rejects.toThrow(
      'name in a.yaml: "dev\\x1b.example.com" holds a control character (\\x1b) at character 4',
    );
  });

  it('and at the prompt, where the reply is asked again', async () => {
    const { ask, refused } = scriptedAsk({ name: ['dev\u001b[2J.example.com', 'dev.example.com'] });
    const answers = await resolveAnswers({
      flags: { ...KOPS_REQUIRED, name: undefined },
      interactive: true,
      ask,
    });
    expect(answers.name).toBe('dev.example.com');
    expect(refused).toEqual([
      {
        name: 'name',
        reason:
          // The reply as normalised (names are lower-cased), as every refusal of a name shows it.
          '"dev\\x1b[2j.example.com" holds a control character (\\x1b) at character 4; answers must be printable text',
      },
    ]);
  });

  it('whitespace a list splits on, and the ends a value is trimmed of, are not refused', async () => {
    const answers = await resolveAnswers({
      flags: { ...KOPS_REQUIRED, name: 'dev.example.com\n', zones: 'eu-west-1a\neu-west-1b\teu-west-1c' },
      interactive: false,
    });
    expect(answers.name).toBe('dev.example.com');
    expect(answers.zones).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  });
});

describe('the error line on stderr', () => {
  function stderrOf(error: unknown): string {
    let text = '';
    const io = { stderr: (t: string) => (text += t) } as unknown as Io;
    reportError(error, io);
    return text;
  }

  it('escapes a KsecError message, line breaks included', () => {
    expect(stderrOf(new KsecError("unknown rule id 'x\u001b[2J\nksec: ok'"))).toBe(
      "ksec: unknown rule id 'x\\x1b[2J\\nksec: ok'\n",
    );
  });

  it('keeps the line breaks of a message that has its own (the missing answers list)', async () => {
    const error = await resolveAnswers({ flags: { provider: 'kops' }, interactive: false }).catch((e) => e);
    expect(error).toBeInstanceOf(KsecError);
    const text = stderrOf(error);
    expect(text).toContain(
      'supply them with:\n  --name NAME  Cluster name (a DNS name, e.g. dev.example.com)\n  --state',
    );
  });
});

describe('ksec.answers.yaml', () => {
  it('quotes what a YAML 1.1 reader would read as something else', () => {
    const text = formatAnswers({
      name: 'yes',
      namespaces: ['no', 'on', 'off', 'y', 'N', 'apps'],
      region: '1:20',
      project: '012',
      n: 3,
      sep: 'a\u2028b',
      next: 'a\u0085b',
      bidi: 'a\u202eb',
      empty: '',
      list: [],
    });
    expect(text).toContain('name: "yes"\n');
    expect(text).toContain('namespaces:\n  - "no"\n  - "on"\n  - "off"\n  - "y"\n  - "N"\n  - apps\n');
    expect(text).toContain('region: "1:20"\n');
    expect(text).toContain('project: "012"\n');
    // The key n is a boolean to YAML 1.1 too.
    expect(text).toContain('"n": 3\n');
    expect(text).toContain('sep: "a\\u2028b"\n');
    expect(text).toContain('next: "a\\u0085b"\n');
    expect(text).toContain('bidi: "a\\u202eb"\n');
    expect(text).toContain('empty: ""\nlist: []\n');
    for (const line of text.split('\n')) expect(line).not.toMatch(/[\p{Cc}\p{Zl}\p{Zp}\p{Bidi_Control}]/u);
  });

  it('reads back the same under YAML 1.2 (ksec) and 1.1 (PyYAML, Go yaml.v2)', () => {
    // Checked against PyYAML 6.0.3 too: it reads yes/on as True, 1:20 as 80, 012 as 10, and
    // refuses a plain = or << ("could not determine a constructor").
    const answers: Answers = {
      provider: 'gke',
      name: 'on',
      values: [
        'yes',
        'no',
        '~',
        'null',
        'true',
        '1:20',
        '0o12',
        '0x1f',
        '.5',
        '2001-12-14',
        '=',
        '<<',
        '-1',
        '1e3',
      ],
      plain: [
        's3://bucket/prefix',
        '~/.ssh/id_ed25519.pub',
        'gke-nodes@p.iam.gserviceaccount.com',
        'apps=team',
      ],
      count: 2,
      flag: false,
    };
    const text = formatAnswers(answers);
    expect(parseAnswers(text, 'a.yaml')).toEqual(answers);
    expect(parse(text, { version: '1.1' })).toEqual(answers);
    // Nothing is quoted that needs no quotes.
    for (const value of answers.plain as string[]) expect(text).toContain(`  - ${value}\n`);
  });

  it('reads back as the answers written, whatever they hold', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 12 });
    const key = fc
      .oneof(fc.stringMatching(/^[a-z][A-Za-z0-9]{0,10}$/), text)
      .filter((k) => k !== '__proto__');
    const value = fc.oneof(
      text,
      fc.constantFrom('yes', 'no', '~', 'null', '1:20', '012', '2001:db8::/48', 'a,b', 'a: b', '- x', '#c'),
      fc.integer(),
      fc.boolean(),
      fc.array(fc.oneof(text, fc.constantFrom('on', '::/0', '2001:db8:1234::/48', 'a=b', '')), {
        maxLength: 4,
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 6 }), (answers) => {
        const written = formatAnswers(answers);
        expect(parseAnswers(written, 'a.yaml')).toEqual(answers);
        // An empty file (the header only) is no document to a YAML reader.
        expect(parse(written) ?? {}).toEqual(answers);
      }),
      { numRuns: 300 },
    );
  });
});

describe('no super-linear regular expression on an answer', () => {
  const state = kopsQuestions.questions.find((q) => q.name === 'state');

  it('strips the trailing slashes of --state in linear time', () => {
    // The old /\/+$/ took quadratic time on a long run of slashes that does not end the value.
    const normalise = state?.normalise;
    if (!normalise) throw new Error('state has no normalise');
    const run = `s3://bucket${'/'.repeat(1_000_000)}`;
    expect(normalise(`${run}x`, {})).toBe(`${run}x`);
    expect(normalise(`${run}`, {})).toBe('s3://bucket');
    expect(normalise(` s3://bucket/prefix// `, {})).toBe('s3://bucket/prefix');
  });

  it('stripTrailing', () => {
    expect(stripTrailing('a///', '/')).toBe('a');
    expect(stripTrailing('///', '/')).toBe('');
    expect(stripTrailing('a/b', '/')).toBe('a/b');
    expect(stripTrailing('', '/')).toBe('');
  });
});
