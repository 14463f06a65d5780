import { defineConfig } from 'vitest/config';

// The corpus tier: real-world specs from ../shared/corpus (outside the repository).
export default defineConfig({
  test: {
    // The JSON results let .ci/run print one closing 'N passed, N failed' line for the whole run.
    reporters: ['default', ['json', { outputFile: 'test-results/corpus.json' }]],
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
