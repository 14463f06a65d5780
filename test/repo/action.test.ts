// The GitHub Action (action.yml): what can be checked without GitHub. Its inputs and outputs are
// declared and used, no input is spliced into a script (only passed as environment variables), and
// its two scripts do what the steps rely on: the install runs the README's commands, the check
// writes SARIF and hands the exit code to the last step, whatever the paths look like.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, ROOT } from '../e2e/helpers.ts';

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8')) as Action;
const text = readFileSync(join(ROOT, 'action.yml'), 'utf8');

describe('action.yml', () => {
  it('is a composite action whose inputs all have a description and a string default', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.description.length).toBeGreaterThan(20);
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description, name).toMatch(/\S/);
      expect(typeof input.default, name).toBe('string');
    }
  });

  it('uses every input it declares and declares every input it uses', () => {
    const used = new Set([...text.matchAll(/\binputs\.([a-z-]+)/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    const stepIds = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
    for (const output of Object.values(action.outputs))
      expect(stepIds.has(/steps\.([a-z-]+)\./.exec(output.value)?.[1])).toBe(true);
  });

  it('never splices an expression into a shell script: inputs reach the scripts as environment', () => {
    for (const step of action.runs.steps) {
      if (step.run === undefined) continue;
      expect(step.run, step.name).not.toContain('${{');
      expect(step.shell).toBe('bash');
    }
    const check = action.runs.steps.find((s) => s.id === 'check');
    // An expression as the action writes it: `${{ inputs.NAME }}`.
    const expression = (name: string) => ['$', `{{ inputs.${name} }}`].join('');
    expect(check?.env).toMatchObject({
      KSEC_PATHS: expression('paths'),
      KSEC_FAIL_ON: expression('fail-on'),
      KSEC_CONFIG: expression('config'),
    });
  });

  it('runs the scripts it ships, and current majors of the actions it uses', () => {
    for (const step of action.runs.steps) {
      const script = /\$GITHUB_ACTION_PATH\/(scripts\/[a-z-]+\.sh)/.exec(step.run ?? '')?.[1];
      if (script) expect(statSync(join(ROOT, script)).mode & 0o111, script).not.toBe(0);
    }
    const uses = action.runs.steps.map((s) => s.uses).filter(Boolean);
    expect(uses).toEqual(['actions/setup-node@v5', 'github/codeql-action/upload-sarif@v4']);
    // The upload runs even when findings fail the check, and only when there is a report.
    const upload = action.runs.steps.find((s) => s.uses?.includes('upload-sarif'));
    expect(upload?.if).toBe("always() && inputs.upload == 'true' && steps.check.outputs.sarif-file != ''");
    const last = action.runs.steps.at(-1);
    expect(last?.if).toBe("steps.check.outputs.exit-code != '0'");
    const exit = spawnSync('bash', ['-c', last?.run ?? ''], { env: { ...process.env, KSEC_EXIT: '1' } });
    expect(exit.status).toBe(1);
  });
});

/** A directory with a `ksec` on PATH that runs the built CLI (the install step's result). */
function withKsec(): { dir: string; env: NodeJS.ProcessEnv } {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-action-'));
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(
    join(bin, 'ksec'),
    `#!/usr/bin/env bash\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"\n`,
  );
  chmodSync(join(bin, 'ksec'), 0o755);
  const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}`, NO_COLOR: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('KSEC_')) delete env[key];
  return { dir, env };
}

function check(dir: string, env: NodeJS.ProcessEnv, inputs: Record<string, string>) {
  const output = join(dir, 'github-output');
  writeFileSync(output, '');
  const run = spawnSync('bash', [join(ROOT, 'scripts', 'action-run.sh')], {
    cwd: dir,
    env: { ...env, ...inputs, GITHUB_OUTPUT: output },
    encoding: 'utf8',
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split('=', 2) as [string, string]),
  );
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, outputs };
}

describe('scripts/action-run.sh', () => {
  it('writes SARIF and passes the exit code on, after the upload would have run', () => {
    const { dir, env } = withKsec();
    copyFileSync(join(ROOT, 'examples', 'kops-cluster.yaml'), join(dir, 'kops-cluster.yaml'));
    const findings = check(dir, env, { KSEC_PATHS: 'kops-cluster.yaml', KSEC_FAIL_ON: 'high' });
    expect(findings.status).toBe(0);
    expect(findings.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'ksec.sarif' });
    expect(findings.stdout).toContain('::error::ksec found problems at or above the fail-on severity');
    const sarif = JSON.parse(readFileSync(join(dir, 'ksec.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);

    const none = check(dir, env, {
      KSEC_PATHS: 'kops-cluster.yaml',
      KSEC_FAIL_ON: 'none',
      KSEC_SARIF: 'out.sarif',
    });
    expect(none.outputs).toEqual({ 'exit-code': '0', 'sarif-file': 'out.sarif' });
  });

  it('takes one path a line, however it is spelled, and never runs any of it', () => {
    const { dir, env } = withKsec();
    for (const name of ['with space.yaml', '-dash.yaml', '$(touch pwned).yaml'])
      copyFileSync(join(ROOT, 'examples', 'deployment.yaml'), join(dir, name));
    const run = check(dir, env, {
      KSEC_PATHS: '  with space.yaml\n-dash.yaml\n\n$(touch pwned).yaml  \n',
      KSEC_FAIL_ON: 'none',
    });
    expect(run.outputs['exit-code'], run.stderr).toBe('0');
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    const sarif = JSON.parse(readFileSync(join(dir, 'ksec.sarif'), 'utf8'));
    const files = new Set(
      sarif.runs[0].results.map(
        (r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
          r.locations[0]?.physicalLocation.artifactLocation.uri,
      ),
    );
    expect(files.size).toBe(3);
  });

  it('reports input errors as exit 2, still with a report; refuses a bad input value', () => {
    const { dir, env } = withKsec();
    const missing = check(dir, env, { KSEC_PATHS: 'nope.yaml' });
    expect(missing.outputs['exit-code']).toBe('2');
    expect(missing.outputs['sarif-file']).toBe('ksec.sarif');
    const bad = check(dir, env, { KSEC_SKIP_UNRECOGNISED: 'yes' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('skip-unrecognised must be true or false');
    writeFileSync(join(dir, 'ksec.config.yaml'), 'failOn: critical\n');
    copyFileSync(join(ROOT, 'examples', 'kops-cluster.yaml'), join(dir, 'spec.yaml'));
    // No fail-on input: the config's failOn decides (the example has no critical finding).
    expect(
      check(dir, env, { KSEC_PATHS: 'spec.yaml', KSEC_CONFIG: 'ksec.config.yaml' }).outputs['exit-code'],
    ).toBe('0');
  });
});

describe('scripts/action-install.sh', () => {
  it('builds, packs and installs the tarball globally, as the README says', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ksec-action-install-'));
    const log = join(dir, 'npm.log');
    writeFileSync(
      join(dir, 'npm'),
      `#!/usr/bin/env bash\necho "npm $*" >> ${JSON.stringify(log)}\nif [ "$1" = pack ]; then echo ksec-0.1.0.tgz; fi\n`,
    );
    writeFileSync(join(dir, 'ksec'), '#!/usr/bin/env bash\necho 0.1.0\n');
    chmodSync(join(dir, 'npm'), 0o755);
    chmodSync(join(dir, 'ksec'), 0o755);
    const run = spawnSync('bash', [join(ROOT, 'scripts', 'action-install.sh')], {
      env: { ...process.env, PATH: `${dir}:${process.env.PATH ?? ''}` },
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    expect(calls[0]).toBe('npm ci --no-audit --no-fund');
    expect(calls[1]).toMatch(/^npm pack --ignore-scripts --silent --pack-destination \S+$/);
    expect(calls[2]).toMatch(
      /^npm install --global --ignore-scripts --no-audit --no-fund \S+\/ksec-0\.1\.0\.tgz$/,
    );
    expect(run.stdout).toContain('installed: 0.1.0');
  });
});
