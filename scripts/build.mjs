// Builds dist/: an ESM bundle for the CLI and the library (code-split, so each command
// loads only its own dependencies), plus type declarations for library users.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });

await build({
  absWorkingDir: root,
  entryPoints: { cli: 'src/cli/main.ts', index: 'src/index.ts', worker: 'src/engine/worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  // yaml and handlebars ship CommonJS; esbuild's ESM output needs a real require for them.
  banner: {
    js: "import { createRequire as __ksecCreateRequire } from 'node:module';\nconst require = __ksecCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
  legalComments: 'none',
});

if (!process.argv.includes('--no-types')) {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
}
