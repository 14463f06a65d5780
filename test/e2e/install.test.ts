/**
 * ksec outside its checkout: the project packed as `npm pack` packs it, the tarball installed
 * globally into a temporary prefix as the README's "Install" section says, and the installed ksec
 * run from a directory that knows nothing of the checkout. npm may fetch the runtime dependencies
 * from the registry (it prefers its cache); dev dependencies are never installed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { KOPS_INIT_ARGS } from '../helpers/init-args.ts';
import { ROOT } from './helpers.ts';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
  dependencies: Record<string, string>;
};
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;
const work = mkdtempSync(join(tmpdir(), 'ksec-install-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** npm and node from the Node that runs the tests, with no npm_* settings of the test run leaking in. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env))
    if (!/^npm_/i.test(key) && value !== undefined) env[key] = value;
  env.PATH = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`;
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  return { ...env, ...extra };
}

function run(command: string, args: string[], cwd: string, env = cleanEnv()) {
  const result = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { code: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** The commands of the README's install block, after its `<!-- install -->` marker. */
function readmeInstallBlock(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const block = /<!-- install -->\s*\n```sh\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? '';
  return block.split('\n').map((line) => line.replace(/\s+#.*$/, '').trim());
}

describe('ksec installed from a packed tarball', () => {
  const prefix = join(work, 'prefix');
  const bin = join(prefix, 'bin');
  const outside = join(work, 'elsewhere');
  mkdirSync(outside);
  const installed = (args: string[]) =>
    run(
      join(bin, 'ksec'),
      args,
      outside,
      cleanEnv({ PATH: `${bin}:${dirname(process.execPath)}:/usr/bin:/bin`, NO_COLOR: '1' }),
    );

  it('the README installs it with npm pack and npm install --global of the tarball', () => {
    expect(readmeInstallBlock()).toEqual([
      'npm install',
      'npm pack',
      `npm install --global --ignore-scripts ./${TARBALL}`,
      'ksec --version',
    ]);
  });

  it('packs bin, dist and templates, and nothing of the sources or tests', () => {
    // --ignore-scripts: `npm test` built dist/ already, and rebuilding it here (prepare) would pull
    // it from under the tests running beside this one.
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    expect(info?.filename).toBe(TARBALL);
    const files = (info?.files ?? []).map((file) => file.path);
    for (const needed of [
      'bin/ksec.js',
      'bin/load-bundle.cjs',
      'bin/worker.cjs',
      'dist/cli.cjs',
      'dist/cli.cjs.cache',
      'dist/worker.cjs',
      'dist/worker.cjs.cache',
      'dist/index.js',
      'dist/types/index.d.ts',
      'templates/kops/cluster.yaml.hbs',
      'templates/kops/kops-commands.sh.hbs',
      'templates/gke/create-cluster.sh.hbs',
      'templates/workload/namespaces.yaml.hbs',
      'package.json',
      'README.md',
    ])
      expect(files, needed).toContain(needed);
    // Every chunk the library imports is there.
    for (const chunk of readdirSync(join(ROOT, 'dist', 'chunks')))
      expect(files).toContain(`dist/chunks/${chunk}`);
    expect(files.filter((file) => /^(src|test|scripts|snapshots|node_modules)\//.test(file))).toEqual([]);
  });

  it('installs into a prefix with the runtime dependencies only', () => {
    const install = run(
      'npm',
      [
        'install',
        '--global',
        '--ignore-scripts',
        '--prefix',
        prefix,
        '--prefer-offline',
        '--no-audit',
        '--no-fund',
        `./${TARBALL}`,
      ],
      work,
    );
    expect(install.code, install.stderr).toBe(0);
    expect(existsSync(join(bin, 'ksec'))).toBe(true);
    const modules = readdirSync(join(prefix, 'lib', 'node_modules', 'ksec', 'node_modules'));
    for (const dependency of Object.keys(pkg.dependencies))
      expect(modules, dependency).toContain(dependency.split('/')[0]);
    for (const dev of Object.keys(pkg.devDependencies)) expect(modules, dev).not.toContain(dev.split('/')[0]);
  });

  it('runs from anywhere: --version, diff on a shipped example, init --yes', () => {
    const version = installed(['--version']);
    expect(version.code, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(pkg.version);

    copyFileSync(join(ROOT, 'examples', 'kops-cluster.yaml'), join(outside, 'kops-cluster.yaml'));
    const diff = installed(['diff', 'kops-cluster.yaml', '--brief']);
    expect(diff.code, diff.stderr).toBe(1);
    expect(diff.stdout).toContain('kops/api-access-restricted');

    const init = installed(['init', '--yes', '--out', 'cluster', ...KOPS_INIT_ARGS]);
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('Wrote cluster.yaml, kops-commands.sh');
    // What init writes from the installed templates passes the installed checker.
    const check = installed(['diff', 'cluster']);
    expect(check.code, check.stdout + check.stderr).toBe(0);
    expect(readFileSync(join(outside, 'cluster', 'kops-commands.sh'), 'utf8')).toContain('| ksec diff -');
  });
});
