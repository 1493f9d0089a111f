import { defineConfig } from 'vitest/config';

// Database tests open their own database: a copy of a template migrated once in global setup
// (PGlite by default, a real PostgreSQL when TEST_DATABASE_URL is set).
export default defineConfig({
  test: {
    include: ['contract/src/**/*.test.ts', 'server/src/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // CI asks for a JSON report too, to print one closing 'N passed, N failed' line over both database runs.
    reporters: process.env.VITEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON ? { json: process.env.VITEST_JSON } : {},
  },
});
