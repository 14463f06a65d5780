// Worker threads on the real corpora: the report is byte for byte the one of a single thread.
import { describe, expect, it } from 'vitest';
import { ksec } from '../e2e/helpers.ts';
import { corpusDir } from './corpus-root.ts';

const dirs = ['kops', 'kops-completed', 'kops-extra', 'gke', 'workloads']
  .map((name) => corpusDir(name))
  .filter((dir) => dir !== undefined);

describe.runIf(dirs.length > 0)('--jobs on the corpora', () => {
  for (const format of ['text', 'json', 'sarif']) {
    it(`${format}: one thread and workers agree byte for byte`, () => {
      const one = ksec(['diff', ...dirs, '--format', format, '--jobs', '1']);
      const many = ksec(['diff', ...dirs, '--format', format, '--jobs', '2']);
      expect(one.stdout.length).toBeGreaterThan(1000);
      expect(many.code).toBe(one.code);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
    });
  }
});
