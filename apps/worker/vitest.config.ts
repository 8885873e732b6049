import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@tweetflow/db/testing/global-setup', './test/build-worker.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
