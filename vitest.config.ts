import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // dynalite, s3rver and the fixture servers are started per test file; files run in parallel
    // on the 2 cores, each with its own ports and data folder.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
