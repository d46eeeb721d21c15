import { defineConfig } from 'vitest/config';

// Tests talk to real Postgres and Redis; each file gets its own database (see test/helpers/db.ts),
// so files run in parallel but two cores is the ceiling worth asking for.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    globalSetup: ['test/helpers/global-setup.ts'],
    // CI also writes a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.data/vitest-report.json' }]] : ['default'],
  },
});
