// `ksec diff --format shell` writes a script from a cluster resource someone else controls: no
// value in it (a cluster or node pool name, a CIDR, a logging component, the input file name) may
// run, end a comment, or reach gcloud as anything but itself.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/engine/check.ts';
import { formatShell } from '../../src/remediation/gke-script.ts';
import { gkeRules } from '../../src/rules/gke/index.ts';
import { KsecError } from '../../src/util/errors.ts';
import { UNPRINTABLE } from '../../src/util/printable.ts';
import { commentText, shellComment } from '../../src/util/shell.ts';
import { type ClusterJson, weakAutopilotCluster, weakStandardCluster } from '../helpers/gke-clusters.ts';
import { runWithStubs, type StubCall, unexpectedScriptLines } from '../helpers/stub-shell.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const ENV = {
  CLOUDSDK_CORE_PROJECT: 'env-project',
  GKE_LOCATION: 'env-location',
  AUTHORIZED_NETWORKS: '203.0.113.0/24',
};

function script(input: unknown, file = 'clusters.json'): string {
  return formatShell(checkText(JSON.stringify(input), file));
}

/** Each injected string tries to create `pwned` in the working directory, one way or another. */
const INJECTIONS = [
  'prod\ntouch pwned\n#',
  '$(touch pwned)',
  '`touch pwned`',
  "x'; touch pwned; echo '",
  'x"; touch pwned; echo "',
  "'$(touch pwned)'",
  '\\\ntouch pwned',
  'x\rtouch pwned',
  'x\u2028touch pwned',
  'x\u0085touch pwned',
  '\u001b[2J\u001b[Hksec: no findings',
  'pool\u202e\u2066touch pwned',
  '--project=evil',
  '-x',
  '$IFS',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a parameter expansion the script must not perform.
  '${HOME}',
  '!!',
  '*',
  '~',
  ' ',
  '\t',
  'a b',
];

describe('comment lines', () => {
  it('shellComment escapes every control character, so nothing ends the comment', () => {
    expect(shellComment('a\nb')).toBe('# a\\nb');
    expect(shellComment('x\r\u001b[2J\u202e\u2028\u0000')).toBe('# x\\r\\x1b[2J\\u202e\\u2028\\x00');
    expect(shellComment('$(touch x) `y` "z"')).toBe('# $(touch x) `y` "z"');
  });

  it('commentText escapes the interpolated values', () => {
    const pool = 'p\ntouch pwned';
    expect(commentText`Node pool ${pool}: private nodes.`).toBe('Node pool p\\ntouch pwned: private nodes.');
  });

  it('formatShell writes no comment line but through shellComment', () => {
    const source = readFileSync(join(ROOT, 'src', 'remediation', 'gke-script.ts'), 'utf8');
    // A string literal that starts a comment line (the #! line is no comment).
    expect(source.match(/['"`]#(?!!)/g) ?? []).toEqual([]);
  });

  it('every GKE rule builds its step comments without a raw control character', () => {
    const cluster = weakStandardCluster('c\nx', 'l\nx');
    const pools = cluster.nodePools as ClusterJson[];
    for (const pool of pools) pool.name = `${String(pool.name)}\n\u001b\u202e`;
    const blocks = cluster.controlPlaneEndpointsConfig as {
      ipEndpointsConfig: { authorizedNetworksConfig: { cidrBlocks: { cidrBlock: string }[] } };
    };
    blocks.ipEndpointsConfig.authorizedNetworksConfig.cidrBlocks.push({ cidrBlock: '10.1.0.0/16\ntouch x' });
    (
      cluster.loggingConfig as { componentConfig: { enableComponents: string[] } }
    ).componentConfig.enableComponents.push('X\ntouch x');
    const result = checkText(JSON.stringify(cluster), 'c.json');
    const subject = result.subjects[0];
    if (!subject) throw new Error('no subject');
    let steps = 0;
    for (const rule of gkeRules) {
      for (const step of rule.remediation.steps(subject.value, subject)) {
        steps += 1;
        expect(step.comment, rule.id).not.toMatch(UNPRINTABLE);
      }
    }
    expect(steps).toBeGreaterThan(15);
  });
});

describe('every generated script has only known lines', () => {
  it('the committed remediation snapshots', () => {
    const dir = join(ROOT, 'snapshots', 'diff');
    const files = readdirSync(dir).filter((f) => f.endsWith('.sh'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files)
      expect(unexpectedScriptLines(readFileSync(join(dir, file), 'utf8')), file).toEqual([]);
  });

  it('the scanner does catch a command that is not one of the shapes', () => {
    expect(unexpectedScriptLines('#!/usr/bin/env bash\n# ok\ntouch pwned\n')).toEqual(['touch pwned']);
    expect(unexpectedScriptLines("cluster='a\ntouch pwned\n#'\n")).toEqual(["cluster='a", 'touch pwned']);
    expect(unexpectedScriptLines('# \u001b[2J\n')).toEqual(['# \u001b[2J']);
  });
});

describe('the reported injections', () => {
  it('a cluster named "prod\\ntouch pwned\\n#" reaches gcloud as that name and runs nothing else', () => {
    const name = 'prod\ntouch pwned\n#';
    const text = script(weakStandardCluster(name, 'europe-west1'));
    expect(unexpectedScriptLines(text)).toEqual([]);
    expect(text).toContain("cluster=$'prod\\x0atouch pwned\\x0a#'");
    expect(text).toContain('# === GkeCluster/prod\\ntouch pwned\\n# (clusters.json) ===');
    const run = runWithStubs(text, ENV);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.leftovers).toEqual([]);
    expect(run.calls.length).toBeGreaterThan(10);
    for (const call of run.calls) {
      expect(call.command).toBe('gcloud');
      const at = call.argv[1] === 'clusters' ? 3 : call.argv.indexOf('--cluster') + 1;
      expect(call.argv[at]).toBe(name);
    }
  });

  it('a file named "a\\ntouch x\\n.json" stays inside its comment', () => {
    const text = script(weakStandardCluster('prod', 'europe-west1'), 'a\ntouch x\n.json');
    expect(text).toContain('# === GkeCluster/prod (a\\ntouch x\\n.json) ===');
    expect(unexpectedScriptLines(text)).toEqual([]);
    const run = runWithStubs(text.replaceAll('touch x', 'touch pwned'), ENV);
    expect(run.status).toBe(0);
    expect(run.leftovers).toEqual([]);
  });

  it('so do the names of files with other findings, listed in the header', () => {
    const kops =
      'apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: a.example.com\nspec: {}\n';
    const result = checkText(kops, 'k\n$(touch pwned)\n.yaml');
    const gke = checkText(JSON.stringify(weakStandardCluster('prod', 'europe-west1')), 'g.json');
    const merged = {
      ...gke,
      findings: [...gke.findings, ...result.findings],
      subjects: [...gke.subjects, ...result.subjects],
    };
    expect(result.findings.length).toBeGreaterThan(0);
    const text = formatShell(merged);
    expect(text).toContain('k\\n$(touch pwned)\\n.yaml');
    expect(unexpectedScriptLines(text)).toEqual([]);
    expect(runWithStubs(text, ENV).leftovers).toEqual([]);
  });

  it('refuses a NUL in a value a command needs: no shell word can carry it', () => {
    expect(() => script(weakStandardCluster('prod\u0000x', 'europe-west1'))).toThrow(KsecError);
    expect(() => script(weakStandardCluster('prod\u0000x', 'europe-west1'))).toThrow(
      'cannot write "prod\\x00x" into a shell command: no shell word can hold a NUL character',
    );
  });

  it('finishes on a million-line name (no super-linear trimming of the script)', () => {
    // The old /\n+$/ on the script took quadratic time on a long run of newlines that does not end it.
    const name = `${'\n'.repeat(1_000_000)}x`;
    const text = script(weakStandardCluster(name, 'europe-west1'));
    expect(text.endsWith('\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
    expect(text).toContain(`cluster=$'${'\\x0a'.repeat(1_000_000)}x'`);
    expect(text.split('\n').length).toBeLessThan(200);
  });
});

// ---------------------------------------------------------------------------------------------
// The property: arbitrary strings in every string field of two clusters (Standard and Autopilot),
// the script run with stub gcloud/kubectl. Its expected argv comes from a reference script whose
// fields hold distinct plain tokens: the hostile run must receive the same calls, with each token
// replaced by the string that field held, and nothing else may run.

type Path = (string | number)[];

const BASE: ClusterJson[] = [
  weakStandardCluster('standard', 'europe-west1'),
  weakAutopilotCluster('autopilot', 'us-east1'),
];

/** Values that keep a rule firing (a world-open CIDR, the default service account) stay as they are. */
const KEPT = new Set(['0.0.0.0/0', 'default']);

function stringLeaves(value: unknown, path: Path = []): Path[] {
  if (typeof value === 'string') return path.at(-1) === 'selfLink' || KEPT.has(value) ? [] : [path];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, [...path, index]));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => stringLeaves(item, [...path, key]));
  return [];
}

const LEAVES = stringLeaves(BASE);
/** One more field per cluster: the project ID inside its selfLink. */
const FIELD_COUNT = LEAVES.length + BASE.length;

function build(values: readonly string[]): ClusterJson[] {
  const clusters = structuredClone(BASE);
  LEAVES.forEach((path, index) => {
    let node: Record<string | number, unknown> = clusters as unknown as Record<string | number, unknown>;
    for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
    node[path.at(-1) as string | number] = values[index];
  });
  clusters.forEach((cluster, index) => {
    const project = values[LEAVES.length + index];
    cluster.selfLink = `https://container.googleapis.com/v1/projects/${project}/locations/l/clusters/c`;
  });
  return clusters;
}

const token = (index: number) => `ksec${String(index).padStart(3, '0')}tok`;
const TOKENS = Array.from({ length: FIELD_COUNT }, (_, index) => token(index));
const TOKEN = /ksec(\d{3})tok/g;

function verdicts(clusters: ClusterJson[]): string[] {
  return checkText(JSON.stringify(clusters), 'clusters.json')
    .findings.map((f) => `${f.ruleId} ${f.path}`)
    .sort();
}

describe('property: hostile strings in every string field of a GKE cluster', () => {
  const reference = script(build(TOKENS));
  const referenceRun = runWithStubs(reference, ENV);
  const referenceVerdicts = verdicts(build(TOKENS));
  const inArgv = new Set(
    referenceRun.calls.flatMap((call) =>
      call.argv.flatMap((arg) => [...arg.matchAll(TOKEN)].map((m) => Number(m[1]))),
    ),
  );

  it('the reference covers names, locations, projects, node pools and CIDRs in the commands', () => {
    expect(referenceRun.status).toBe(0);
    expect(unexpectedScriptLines(reference)).toEqual([]);
    const landed = [...inArgv].map((index) => (index < LEAVES.length ? LEAVES[index]?.join('.') : 'project'));
    for (const field of ['0.name', '0.location', '1.name', '1.location', 'project', '0.nodePools.0.name'])
      expect(landed).toContain(field);
    expect(landed.some((field) => field?.includes('cidrBlock'))).toBe(true);
  });

  // A NUL is one piece in ~100: about a fifth of the runs put one in a command (refused), the rest run.
  const piece = fc.oneof(
    fc.constantFrom(...INJECTIONS, '\u0000', '\u001b', '\u009b', '\u007f', "'", '"', '\\', '$', '`'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }),
  );
  const hostile = fc.array(piece, { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));

  it('only the stubs run, and each gets exactly the intended argv', () => {
    fc.assert(
      fc.property(fc.array(hostile, { minLength: FIELD_COUNT, maxLength: FIELD_COUNT }), (values) => {
        // The project is read from the selfLink up to the next '/'.
        for (const index of BASE.keys()) fc.pre(!values[LEAVES.length + index]?.includes('/'));
        const clusters = build(values);
        // A string that changes a verdict (a world-open CIDR, GKE_METADATA) changes the commands too.
        fc.pre(JSON.stringify(verdicts(clusters)) === JSON.stringify(referenceVerdicts));
        const nulInCommand = [...inArgv].some((index) => values[index]?.includes('\u0000'));
        let text: string;
        try {
          text = script(clusters);
        } catch (error) {
          expect(error).toBeInstanceOf(KsecError);
          expect((error as Error).message).toContain('NUL');
          expect(values.some((value) => value.includes('\u0000'))).toBe(true);
          return;
        }
        expect(nulInCommand).toBe(false);
        expect(unexpectedScriptLines(text)).toEqual([]);
        const run = runWithStubs(text, ENV);
        expect(run.stderr).toBe('');
        expect(run.status).toBe(0);
        expect(run.leftovers).toEqual([]);
        const expected: StubCall[] = referenceRun.calls.map((call) => ({
          command: call.command,
          argv: call.argv.map((arg) => arg.replace(TOKEN, (_, index) => values[Number(index)] ?? '')),
        }));
        expect(run.calls).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  });
});
