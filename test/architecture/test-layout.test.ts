// test/ mirrors src/: a unit test sits at the path of the src it covers. Only the tiers that are
// not unit tests have folders of their own, and no test file sits loose at the top.
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const TEST = join(ROOT, 'test');

/** Folders of test/ that are not a src/ folder: the other tiers, shared helpers and fixtures. */
const TIERS = ['architecture', 'corpus', 'e2e', 'fixtures', 'helpers', 'oracle', 'repo'];

function folders(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? [path, ...folders(path)] : [];
  });
}

describe('test/ layout', () => {
  it('every folder of unit tests is a folder of src/', () => {
    const units = readdirSync(TEST).filter((name) => !TIERS.includes(name));
    const orphans = units
      .flatMap((name) => {
        const path = join(TEST, name);
        return statSync(path).isDirectory() ? [path, ...folders(path)] : [];
      })
      .map((path) => relative(TEST, path))
      .filter((path) => !statSync(join(ROOT, 'src', path), { throwIfNoEntry: false })?.isDirectory());
    expect(orphans).toEqual([]);
  });

  it('no test file sits loose in test/', () => {
    expect(readdirSync(TEST).filter((name) => name.endsWith('.ts'))).toEqual([]);
  });
});
