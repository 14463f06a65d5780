import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The directory of ksec's own package.json. Source files (src/…/*.ts) and the bundle
 * (dist/cli.js, dist/chunks/*.js) sit at different depths, so a fixed relative URL would break
 * in one of them; walking up to the package.json named ksec works in both.
 */
export function packageRoot(): string {
  if (cached) return cached;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (manifest.name === 'ksec') {
        cached = dir;
        return dir;
      }
    } catch {
      // No (readable) package.json here: keep walking up.
    }
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find the ksec package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}
