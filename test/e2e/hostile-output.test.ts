// Hostile input through the built CLI: nothing from a file, a file name, an argument or an answer
// runs, rewrites the screen or starts a line of its own. Output is read raw (escape sequences kept).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { weakStandardCluster } from '../helpers/gke-clusters.ts';
import { GKE_INIT_ARGS, KOPS_INIT_ARGS } from '../helpers/init-args.ts';
import { runWithStubs, unexpectedScriptLines } from '../helpers/stub-shell.ts';
import { ksec } from './helpers.ts';

/** A control character, bidi control or separator: none may reach the terminal, except line feeds. */
const RAW =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/;
const FAKE = '\u001b[2J\u001b[Hksec: no findings';

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ksec-e2e-hostile-'));
}

function pod(name: string, container: string): string {
  return `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${JSON.stringify(name)}\nspec:\n  containers:\n  - name: ${JSON.stringify(container)}\n    image: nginx\n`;
}

describe('ksec diff prints no control character from the input', () => {
  it('text report: an ESC sequence in a Pod name shows as \\x1b and fakes nothing', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'pod.yaml'), pod(FAKE, 'c\u202e\nno findings'));
    for (const brief of [[], ['--brief']]) {
      const run = ksec(['diff', 'pod.yaml', ...brief], { cwd, raw: true });
      expect(run.code).toBe(1);
      expect(run.stdout).not.toMatch(RAW);
      expect(run.stdout).toContain('Pod/\\x1b[2J\\x1b[Hksec: no findings');
      expect(run.stdout).toContain('container "c\\u202e\\nno findings"');
      for (const line of run.stdout.split('\n')) expect(line).not.toMatch(/^(ksec: )?no findings/);
    }
  });

  it('with colour forced, the only escape sequences are its own colours', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'pod.yaml'), pod(FAKE, 'app'));
    const run = ksec(['diff', 'pod.yaml'], {
      cwd,
      raw: true,
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(run.stdout).toMatch(/\u001b\[1m/);
    expect(run.stdout.replace(/\u001b\[\d+m/g, '')).not.toMatch(RAW);
  });

  it('JSON keeps the name exact (JSON escapes it)', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'pod.yaml'), pod(FAKE, 'app'));
    const run = ksec(['diff', 'pod.yaml', '--format', 'json'], { cwd, raw: true });
    expect(run.stdout).not.toMatch(RAW);
    expect(JSON.parse(run.stdout).findings[0].object).toBe(`Pod/${FAKE}`);
  });

  it('error lines on stderr escape the file name', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'bad\u001b[2J\u202e.yaml'), 'a: [\n');
    const run = ksec(['diff', '.'], { cwd, raw: true });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(RAW);
    expect(run.stderr).toMatch(/^ksec: bad\\x1b\[2J\\u202e\.yaml:\d+:\d+: error: /);
  });

  it('a file name with a line break in the text report and in --fix messages', () => {
    const cwd = tempDir();
    const name = 'k\nksec: no findings\n.yaml';
    writeFileSync(
      join(cwd, name),
      'apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: a.example.com\nspec:\n  kubelet:\n    anonymousAuth: true\n',
    );
    const run = ksec(['diff', '.', '--fix', '--rule', 'kops/kubelet-anonymous-auth-disabled'], {
      cwd,
      raw: true,
    });
    expect(run.stderr).toContain('ksec: fixed 1 finding in k\\nksec: no findings\\n.yaml\n');
    expect(`${run.stdout}${run.stderr}`.split('\n').filter((l) => l.startsWith('ksec: no findings'))).toEqual(
      [],
    );
  });

  it('--baseline: the regression report escapes names too', () => {
    const cwd = tempDir();
    const kops = (access: string) =>
      `apiVersion: kops.k8s.io/v1alpha2\nkind: Cluster\nmetadata:\n  name: "a.example.com\\e[2J"\nspec:\n  kubernetesApiAccess: [${access}]\n`;
    writeFileSync(join(cwd, 'old.yaml'), kops('203.0.113.0/24'));
    writeFileSync(join(cwd, 'new.yaml'), kops('"0.0.0.0/0", "\\u202e10.0.0.0/8"'));
    const run = ksec(['diff', 'new.yaml', '--baseline', 'old.yaml'], { cwd, raw: true });
    expect(run.code).toBe(1);
    expect(run.stdout).not.toMatch(RAW);
    expect(run.stdout).toContain('Cluster/a.example.com\\x1b[2J');
    expect(run.stdout).toContain('\\u202e10.0.0.0/8');
  });

  it('explain and --rule echo an unknown id escaped', () => {
    const explain = ksec(['explain', 'kops/\u001b[2J\nksec: ok'], { raw: true });
    expect(explain.code).toBe(2);
    expect(explain.stderr).not.toMatch(RAW);
    expect(explain.stderr).toContain('kops/\\x1b[2J\\nksec: ok');
    expect(explain.stderr.split('\n').filter((line) => line === 'ksec: ok')).toEqual([]);
    const rule = ksec(['diff', 'examples/kops-cluster.yaml', '--rule', 'x\u202ey'], { raw: true });
    expect(rule.code).toBe(2);
    expect(rule.stderr).not.toMatch(RAW);
    expect(rule.stderr).toContain('x\\u202ey');
  });

  it('a usage error quoting an argument escapes it', () => {
    const run = ksec(['diff', 'x.yaml', '--format', '\u001b[2J'], { raw: true });
    expect(run.code).toBe(2);
    expect(run.stderr).not.toMatch(RAW);
  });
});

describe('ksec diff --format shell on a hostile cluster and file name', () => {
  it('writes a script in which nothing but gcloud runs, with the name exact', () => {
    const cwd = tempDir();
    const name = 'prod\ntouch pwned\n#';
    const file = 'a\ntouch pwned\n.json';
    writeFileSync(join(cwd, file), JSON.stringify(weakStandardCluster(name, 'europe-west1'), null, 2));
    const run = ksec(['diff', '.', '--format', 'shell'], { cwd, raw: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(unexpectedScriptLines(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('# === GkeCluster/prod\\ntouch pwned\\n# (a\\ntouch pwned\\n.json) ===');
    const ran = runWithStubs(run.stdout);
    expect(ran.status).toBe(0);
    expect(ran.leftovers).toEqual([]);
    expect(ran.calls.length).toBeGreaterThan(10);
    for (const call of ran.calls) {
      const at = call.argv[1] === 'clusters' ? 3 : call.argv.indexOf('--cluster') + 1;
      expect(call.argv[at]).toBe(name);
    }
  });

  it('refuses a NUL in the cluster name with the reason', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'c.json'), JSON.stringify(weakStandardCluster('a\u0000b', 'europe-west1')));
    const run = ksec(['diff', 'c.json', '--format', 'shell'], { cwd, raw: true });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'ksec: cannot write "a\\x00b" into a shell command: no shell word can hold a NUL character\n',
    );
  });
});

describe('ksec init', () => {
  it('refuses an answer with a control character, with the reason, escaped', () => {
    const cwd = tempDir();
    const args = [...KOPS_INIT_ARGS];
    args[1] = 'dev\u001b[2J.example.com';
    const run = ksec(['init', '--yes', ...args], { cwd, raw: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'ksec: --name: "dev\\x1b[2j.example.com" holds a control character (\\x1b) at character 4; answers must be printable text\n',
    );
  });

  it('refuses one from the answers file too', () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'a.yaml'), 'state: "s3://bucket\\u202e"\n');
    const run = ksec(
      ['init', '--yes', ...KOPS_INIT_ARGS.slice(0, 2), ...KOPS_INIT_ARGS.slice(4), '--answers', 'a.yaml'],
      {
        cwd,
        raw: true,
      },
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'state in a.yaml: "s3://bucket\\u202e" holds a bidirectional control (\\u202e)',
    );
    expect(run.stderr).not.toMatch(RAW);
  });

  it('prints the output directory escaped and the kubectl hint shell-quoted', () => {
    const cwd = tempDir();
    const out = "my dir\u001b[2J'x";
    const run = ksec(['init', '--yes', ...KOPS_INIT_ARGS, '--out', out], { cwd, raw: true });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW);
    expect(run.stdout).toContain(` to ${join(cwd, "my dir\\x1b[2J'x")}\n`);
    const hint = /\n {2}kubectl apply -f (.+)\n/.exec(run.stdout)?.[1] ?? '';
    expect(hint.startsWith("$'")).toBe(true);
    // Pasted into bash, the hint names exactly the directory that was written.
    const dir = execFileSync('bash', ['-c', `printf %s ${hint}`], { encoding: 'utf8' });
    expect(dir).toBe(join(cwd, out, 'k8s'));
    expect(readFileSync(join(dir, 'namespaces.yaml'), 'utf8')).toContain('kind: Namespace');
  });

  it('quotes yes/no/on in ksec.answers.yaml, and reproduces the files from it', () => {
    const cwd = tempDir();
    const args = [...GKE_INIT_ARGS];
    args[args.indexOf('--name') + 1] = 'yes';
    const first = ksec(['init', '--yes', ...args, '--namespaces', 'on,off,apps', '--out', 'a'], { cwd });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const answers = readFileSync(join(cwd, 'a', 'ksec.answers.yaml'), 'utf8');
    expect(answers).toContain('name: "yes"\n');
    expect(answers).toContain('namespaces:\n  - "on"\n  - "off"\n  - apps\n');
    // A YAML 1.1 reader (PyYAML, Go yaml.v2) reads the same strings.
    expect(parse(answers, { version: '1.1' })).toMatchObject({
      name: 'yes',
      namespaces: ['on', 'off', 'apps'],
    });
    mkdirSync(join(cwd, 'b'));
    const again = ksec(['init', '--answers', 'a/ksec.answers.yaml', '--yes', '--out', 'b'], { cwd });
    expect(again.code).toBe(0);
    for (const file of ['create-cluster.sh', 'ksec.answers.yaml', 'k8s/namespaces.yaml'])
      expect(readFileSync(join(cwd, 'b', file), 'utf8')).toBe(readFileSync(join(cwd, 'a', file), 'utf8'));
  });
});
