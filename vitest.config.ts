import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The detector and real encodes are slow on 2 cores; keep generous per-test limits.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
