import { defineConfig } from 'vitest/config';

// Three projects in one run. server: database tests open their own database, a copy of a template migrated once in
// global setup (PGlite by default, a real PostgreSQL when TEST_DATABASE_URL is set). web: the app's unit tests in
// jsdom. e2e: journeys in Debian's Chromium against a real `loket serve` (e2e/harness.ts); `--project server` runs
// the first alone.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // On a loaded CI machine a page or a socket can take seconds to settle: expect.poll waits as long as the journeys'
    // Playwright actions do (page.setDefaultTimeout), not Vitest's default second.
    expect: { poll: { timeout: 15_000 } },
    // CI asks for a JSON report too, to print one closing 'N passed, N failed' line over both database runs.
    reporters: process.env.VITEST_JSON ? ['default', 'json'] : ['default'],
    outputFile: process.env.VITEST_JSON ? { json: process.env.VITEST_JSON } : {},
    projects: [
      {
        extends: true,
        test: {
          name: 'server',
          include: ['contract/src/**/*.test.ts', 'server/src/**/*.test.ts'],
          globalSetup: ['server/test/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'], environment: 'jsdom' },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
