import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = 4173;
export const E2E_DATA_DIR = '.tweetflow/e2e';
export const E2E_LOG_FILE = '../../.tweetflow/e2e/stack.log';

/**
 * Debian's Chromium is used when present (Playwright cannot download browsers on
 * machines without internet access); CHROMIUM_PATH overrides it.
 */
function chromiumExecutable(): string | undefined {
  const candidate = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(candidate)) return candidate;
  if (process.env.CHROMIUM_PATH) {
    throw new Error(`CHROMIUM_PATH points at ${candidate}, which does not exist.`);
  }
  return undefined;
}

const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          // Needed as root on machines without a network beyond the package registries.
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
  ],
  // The whole app on a throwaway data directory: embedded Postgres, sandbox, worker, web.
  webServer: {
    command: 'rm -rf ../../.tweetflow/e2e && mkdir -p ../../.tweetflow/e2e && node --import tsx ../../scripts/run-stack.ts start',
    url: `http://127.0.0.1:${PORT}/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 20_000 },
    env: {
      TWEETFLOW_DATA_DIR: E2E_DATA_DIR,
      PORT: String(PORT),
      EMBEDDED_POSTGRES_PORT: '54339',
      SANDBOX_PORT: '3199',
      NODE_ENV: 'test',
      LOG_LEVEL: 'debug',
      // Every line the app prints, for the test that proves no token reaches a log.
      STACK_LOG_FILE: E2E_LOG_FILE,
      // Every test signs up new people from the same address.
      RATE_LIMIT_SIGN_UP_PER_HOUR: '1000',
    },
  },
});
