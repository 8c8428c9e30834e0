import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    // End-to-end tests launch a real Chromium; a cold launch plus a build takes a few seconds.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: e2e files each start a browser, so don't run more than two files at once.
    maxWorkers: 2,
  },
});
