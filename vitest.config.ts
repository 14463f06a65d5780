import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON results let .ci/run print one closing 'N passed, N failed' line for the whole run.
    reporters: ['default', ['json', { outputFile: 'test-results/unit.json' }]],
    include: ['test/**/*.test.ts'],
    exclude: ['test/corpus/**', 'node_modules/**'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
