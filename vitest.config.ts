import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // End-to-end tests launch a real Chromium; a cold launch plus a build takes a few seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: e2e files each start a browser, so don't run more than two files at once.
    maxWorkers: 2,
    projects: [
      // The fast loop (`npm run test:unit`): stages, formatters and golden HTML from the sources; no compile, no browser.
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts'] } },
      // The real CLI from dist/ and real Chromium: compiled once, in the global setup, for these projects only.
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/faults/**/*.test.ts'],
          globalSetup: ['tests/global-setup.ts'],
        },
      },
    ],
  },
});
