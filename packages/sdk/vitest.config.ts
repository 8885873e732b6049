import { defineConfig } from 'vitest/config';

// One embedded PostgreSQL per run, then one running app (worker, web, sandbox) that every
// test file talks to through the SDK or the CLI, as an internal tool would.
export default defineConfig({
  test: {
    globalSetup: ['@tweetflow/db/testing/global-setup', './test/app/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
