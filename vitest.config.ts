import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The detector and real encodes are slow on 2 cores; keep generous per-test limits.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Oracles (exiftool, mat2, Chromium…): required under CI, a skip line at the end elsewhere.
    globalSetup: ['test/helpers/global-setup.ts'],
  },
});
