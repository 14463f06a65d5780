import { defineConfig } from 'vitest/config';

// The corpus tier: real-world specs from ../shared/corpus (outside the repository).
export default defineConfig({
  test: {
    include: ['test/corpus/**/*.test.ts'],
    testTimeout: 120_000,
  },
});
