// Worker threads change nothing but the speed: the same report, byte for byte, on stdout and stderr,
// with the same exit code, whatever --jobs is. The rule fixtures are hundreds of files (workers start
// from 32), with errors and findings of every provider among them.
import { describe, expect, it } from 'vitest';
import { ksec } from './helpers.ts';

describe('--jobs', () => {
  for (const format of ['text', 'json', 'sarif']) {
    it(`gives the same ${format} report with one thread and with workers`, () => {
      const args = ['diff', 'test/fixtures/rules', 'test/fixtures/bad/yaml11', '--format', format];
      const one = ksec([...args, '--jobs', '1']);
      const many = ksec([...args, '--jobs', '3']);
      expect(one.stdout.length).toBeGreaterThan(1000);
      expect(many.code).toBe(one.code);
      expect(many.stdout).toBe(one.stdout);
      expect(many.stderr).toBe(one.stderr);
    });
  }

  it('refuses a --jobs that is not a whole number above 0', () => {
    expect(ksec(['diff', 'examples/kops-cluster.yaml', '--jobs', '0']).stderr).toContain(
      '--jobs must be a whole number above 0',
    );
  });
});
