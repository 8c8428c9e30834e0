import { defineConfig } from 'vitest/config';

const PROPERTIES = 'tests/unit/incremental-properties.test.ts';

export default defineConfig({
  test: {
    // End-to-end tests launch a real Chromium; a cold launch plus a build takes a few seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: e2e files each start a browser, so don't run more than two files at once.
    maxWorkers: 2,
    projects: [
      // The fast loop (`npm run test:unit`): stages, formatters and golden HTML from the sources; no compile, no browser.
      // One thread per core, and the modules loaded once per thread, not once per file: these
      // tests mock nothing and change no environment, working folder or global, and re-importing
      // src/ for each of the 60 files cost more CPU than the tests themselves.
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/golden/**/*.test.ts'],
          exclude: [PROPERTIES],
          pool: 'threads',
          isolate: false,
        },
      },
      // The property test of incremental builds (stand-in printer): 10 s of CPU on its own, so out
      // of the fast loop; `npm test` and `npm run test:properties` run it.
      { extends: true, test: { name: 'properties', include: [PROPERTIES] } },
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
