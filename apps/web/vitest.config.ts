import { defineConfig } from 'vitest/config';

// Unit tests for client logic live beside the code as `*.spec.ts`; the browser tests in
// test/e2e run under Playwright instead.
export default defineConfig({
  test: { include: ['src/**/*.spec.ts'] },
});
