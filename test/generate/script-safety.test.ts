// The scripts `ksec init` writes (create-cluster.sh for GKE, kops-commands.sh for kops) hold the
// answers. The wizard refuses control characters, but generate() is a library function: whatever a
// caller passes, an answer lands only inside a quoted word of a command, never in a comment, never
// across a line, and reaches gcloud or kops as exactly itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generate } from '../../src/generate/index.ts';
import { KsecError } from '../../src/util/errors.ts';
import { UNPRINTABLE } from '../../src/util/printable.ts';
import { resolveAnswers } from '../../src/wizard/resolve.ts';
import type { Answers } from '../../src/wizard/types.ts';
import { GKE_REQUIRED } from '../helpers/gke-init-cases.ts';
import { runWithStubs, type StubCall } from '../helpers/stub-shell.ts';
import { KOPS_REQUIRED } from '../wizard/helpers.ts';

interface Case {
  file: string;
  stubs: string[];
  /** Environment variables the stubs record (kops reads its state store from one). */
  record: string[];
  answers: () => Promise<Answers>;
  /** Answer keys (a list key names its items) whose values land in the script's commands. */
  fields: readonly string[];
}

const CASES: Case[] = [
  {
    file: 'create-cluster.sh',
    stubs: ['gcloud', 'kubectl'],
    record: [],
    answers: () =>
      resolveAnswers({
        flags: {
          ...GKE_REQUIRED,
          region: 'europe-west1',
          apiCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
          masterIpv4Cidr: '172.16.0.32/28',
          databaseEncryptionKey: 'projects/p/locations/europe-west1/keyRings/r/cryptoKeys/k',
        },
        interactive: false,
      }),
    fields: [
      'name',
      'project',
      'region',
      'apiCidrs',
      'nodeServiceAccount',
      // releaseChannel is one of GKE_RELEASE_CHANNELS or refused (test/generate/answers.test.ts).
      'masterIpv4Cidr',
      'databaseEncryptionKey',
      'machineType',
    ],
  },
  {
    file: 'kops-commands.sh',
    stubs: ['kops', 'kubectl'],
    record: ['KOPS_STATE_STORE'],
    answers: () =>
      resolveAnswers({
        flags: { ...KOPS_REQUIRED, sshCidrs: ['198.51.100.0/24'], bastion: true },
        interactive: false,
      }),
    fields: ['name', 'state', 'sshPublicKey'],
  },
];

const token = (index: number) => `ksec${String(index).padStart(2, '0')}tok`;
const TOKEN = /ksec(\d{2})tok/g;
const HAS_TOKEN = /ksec\d{2}tok/;

/** The answers with field i set to values[i]; a list answer takes one value per item. */
function withValues(base: Answers, fields: readonly string[], values: readonly string[]): Answers {
  const answers: Answers = { ...base };
  let next = 0;
  for (const field of fields) {
    const current = base[field];
    answers[field] = Array.isArray(current) ? current.map(() => values[next++]) : values[next++];
  }
  return answers;
}

function slots(base: Answers, fields: readonly string[]): number {
  return fields.reduce(
    (n, field) => n + (Array.isArray(base[field]) ? (base[field] as unknown[]).length : 1),
    0,
  );
}

function scriptOf(answers: Answers, file: string): string {
  const content = generate(answers).find((f) => f.path === file)?.content;
  if (content === undefined) throw new Error(`no ${file}`);
  return content;
}

/** Runs the script with the stubs; the encryption config's mktemp path differs on every run. */
function stubRun(script: string, stubs: readonly string[], record: readonly string[]) {
  const run = runWithStubs(script, {}, stubs, record);
  const calls = run.calls.map((call) => ({
    ...call,
    argv: call.argv.map((arg) => (/^\/tmp\/tmp\.[A-Za-z0-9]+$/.test(arg) ? '<mktemp>' : arg)),
  }));
  return { ...run, calls };
}

const comments = (script: string) => script.split('\n').filter((line) => line.trimStart().startsWith('#'));

// A NUL comes from the binary strings: often enough to check its refusal, rarely enough to run the rest.
const piece = fc.oneof(
  fc.constantFrom(
    '\ntouch pwned\n#',
    '$(touch pwned)',
    '`touch pwned`',
    "'; touch pwned; '",
    '"; touch pwned; "',
    '\\',
    '\u001b[2J',
    '\u202e',
    '\u2028',
    '\r',
    ' ',
    '*',
  ),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
);
const hostile = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

describe.each(CASES)('$file with hostile answers', ({ file, stubs, record, answers, fields }) => {
  it('keeps every answer inside one quoted word of a command and passes it on exactly', async () => {
    const base = await answers();
    const count = slots(base, fields);
    const tokens = Array.from({ length: count }, (_, index) => token(index));
    const reference = scriptOf(withValues(base, fields, tokens), file);
    const referenceRun = stubRun(reference, stubs, record);
    expect(referenceRun.status).toBe(0);
    // Every field reaches a command in the reference, so the property below covers it.
    const landed = new Set(
      referenceRun.calls.flatMap((c) => [...c.argv, ...(c.env ?? [])].join('\0').match(TOKEN) ?? []),
    );
    expect([...landed].sort()).toEqual(tokens);
    // No answer is written into a comment, not even a harmless one.
    expect(comments(reference).filter((line) => HAS_TOKEN.test(line))).toEqual([]);

    fc.assert(
      fc.property(fc.array(hostile, { minLength: count, maxLength: count }), (values) => {
        // A leading ~/ is the one expansion kept on purpose: the public key path is under $HOME.
        fc.pre(values.every((value) => !value.startsWith('~/')));
        const hostileAnswers = withValues(base, fields, values);
        if (values.some((value) => value.includes('\u0000'))) {
          expect(() => scriptOf(hostileAnswers, file)).toThrow(KsecError);
          return;
        }
        const script = scriptOf(hostileAnswers, file);
        for (const line of script.split('\n')) expect(line).not.toMatch(UNPRINTABLE);
        expect(script.split('\n').length).toBe(reference.split('\n').length);
        expect(comments(script)).toEqual(comments(reference));
        const run = stubRun(script, stubs, record);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.leftovers).toEqual([]);
        const substitute = (text: string) => text.replace(TOKEN, (_, index) => values[Number(index)] ?? '');
        const expected: StubCall[] = referenceRun.calls.map((call) => ({
          ...call,
          argv: call.argv.map(substitute),
          ...(call.env ? { env: call.env.map(substitute) } : {}),
        }));
        expect(run.calls).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
