// Start-up stays lean: each command loads only what it needs. A module-resolution hook records every
// module the built CLI loads; esbuild marks the origin of bundled code with `// node_modules/<pkg>/…`
// comments, so the loaded chunks show which packages came along. `diff` must never pull in the wizard
// (inquirer) or the templates (handlebars).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './helpers.ts';

function loadedPackages(args: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'ksec-hooks-'));
  const hooks = join(dir, 'hooks.mjs');
  writeFileSync(
    hooks,
    `export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  process.stderr.write('LOADED ' + result.url + '\\n');
  return result;
}\n`,
  );
  const register = join(dir, 'register.mjs');
  writeFileSync(
    register,
    `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`,
  );
  const run = spawnSync(process.execPath, ['--import', register, BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return [...run.stderr.matchAll(/^LOADED (.*)$/gm)].map((m) => m[1] ?? '');
}

describe('lazy loading', () => {
  it('diff loads neither inquirer nor handlebars', () => {
    const loaded = loadedPackages(['diff', 'examples/kops-cluster.yaml']);
    expect(loaded.some((url) => url.includes('/dist/cli.js'))).toBe(true);
    const bundled = new Set(
      loaded
        .filter((url) => url.startsWith('file:') && url.includes('/dist/'))
        .flatMap((url) => [
          ...readFileSync(fileURLToPath(url), 'utf8').matchAll(
            /^\/\/ node_modules\/((?:@[^/]+\/)?[^/]+)\//gm,
          ),
        ])
        .map((m) => m[1]),
    );
    expect(bundled.has('yaml')).toBe(true);
    expect([...bundled].filter((name) => /inquirer|handlebars/.test(name ?? ''))).toEqual([]);
  });
});
