// Builds dist/:
// - dist/cli.cjs and dist/worker.cjs: the command line and its worker threads, each one CommonJS
//   bundle, with a V8 code cache beside it (dist/*.cjs.cache, written by running a representative
//   command once), which bin/load-bundle.cjs hands to V8 so a run starts with compiled code;
// - dist/index.js (+ dist/chunks/): the library, an ESM bundle;
// - dist/types/: declarations for library users (skipped with --no-types).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });

/**
 * yargs' string-width (three copies: its own, cliui's, wrap-ansi's) builds an Intl.Segmenter and
 * compiles Unicode property regexes when it is loaded, which is a good part of a start-up, although
 * only --help needs them. This makes each of those module-level values lazy: a proxy that builds the
 * real object on first use and forwards to it.
 */
const lazyStringWidth = {
  name: 'lazy-string-width',
  setup(build) {
    build.onLoad(
      { filter: /[\\/]node_modules[\\/](?:.*[\\/])?string-width[\\/]index\.js$/ },
      async (args) => {
        const { readFile } = await import('node:fs/promises');
        const source = await readFile(args.path, 'utf8');
        const lazy = source.replace(
          /^(const|let|var) (\w+) = (new (?:Intl\.Segmenter|RegExp)\(.*\)|\/.+\/[dgimsuvy]*);$/gm,
          '$1 $2 = __ksecLazy(() => $3);',
        );
        const helper =
          'function __ksecLazy(make) { let real; const target = () => (real ??= make());\n' +
          '  return new Proxy({}, { get: (_, key) => { const value = target()[key]; return typeof value === "function" ? value.bind(target()) : value; },\n' +
          '    set: (_, key, value) => { target()[key] = value; return true; } }); }\n';
        return { contents: helper + lazy, loader: 'js' };
      },
    );
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  legalComments: 'none',
};

// The library: ESM, code-split. yaml and handlebars ship CommonJS; ESM output needs a real require.
await build({
  ...common,
  entryPoints: { index: 'src/index.ts' },
  outdir: 'dist',
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  banner: {
    js: "import { createRequire as __ksecCreateRequire } from 'node:module';\nconst require = __ksecCreateRequire(import.meta.url);",
  },
});

// The command line and the worker: one CommonJS file each (what vm.Script can cache), where
// import.meta.url is the bundle's own file.
await build({
  ...common,
  entryPoints: { cli: 'src/cli/main.ts', worker: 'src/engine/worker.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.cjs' },
  format: 'cjs',
  // No import() left in the bundle: vm.Script would need an experimental loader hook for it, so
  // esbuild turns each one (node builtins included) into a require.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__ksecImportMetaUrl' },
  banner: { js: "const __ksecImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [lazyStringWidth],
});

// The code caches: a diff of the shipped example (one thread), then one across workers.
const bin = join(root, 'bin', 'ksec.js');
const env = { ...process.env, KSEC_WRITE_CODE_CACHE: '1', NO_COLOR: '1' };
const run = (args, cwd = root) =>
  execFileSync(process.execPath, [bin, ...args], { cwd, env, stdio: 'ignore' }) ?? undefined;
const tryRun = (args, cwd) => {
  try {
    run(args, cwd);
  } catch {
    // Findings exit 1: the run still compiled what a run compiles.
  }
};
tryRun([
  'diff',
  'examples/kops-cluster.yaml',
  'examples/deployment.yaml',
  'examples/gke-cluster.yaml',
  '--format',
  'json',
]);
const many = mkdtempSync(join(tmpdir(), 'ksec-build-'));
for (let i = 0; i < 40; i++) {
  writeFileSync(
    join(many, `pod-${i}.yaml`),
    `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}}\nspec:\n  containers: [{name: c, image: "c:1"}]\n`,
  );
}
tryRun(['diff', many, '--jobs', '2', '--format', 'json'], root);
rmSync(many, { recursive: true, force: true });

if (!process.argv.includes('--no-types')) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
