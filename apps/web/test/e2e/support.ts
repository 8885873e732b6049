import { expect, type Page } from '@playwright/test';

/** The sandbox `pnpm dev`-style stack started for the e2e run (see playwright.config.ts). */
export const SANDBOX_URL = 'http://127.0.0.1:3199';

let people = 0;

/** Signs up a new person through the real sign-up form; returns their email. */
export async function signUp(page: Page, name = 'E2E Person'): Promise<string> {
  const email = `e2e.${Date.now()}.${++people}@example.com`;
  await gotoHydrated(page, '/auth/sign-up');
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/app/);
  return email;
}

export async function sandboxStats(): Promise<{ revokedTokens: number; overLimitAttempts?: number }> {
  const response = await fetch(`${SANDBOX_URL}/__sandbox/stats`);
  return (await response.json()) as { revokedTokens: number };
}

/** Navigates and waits until Svelte has hydrated the page. */
export async function gotoHydrated(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.locator('html[data-hydrated="true"]').waitFor();
}

/**
 * Connects a new sandbox X account to the signed-in person's workspace through the
 * sandbox's authorize page, as a person would; returns its username.
 */
export async function connectSandboxAccount(page: Page, prefix = 'acct'): Promise<string> {
  await gotoHydrated(page, '/app/accounts');
  await page.getByTestId('connect-account').first().click();
  const username = `${prefix}_${Date.now().toString(36).slice(-6)}`;
  await page.getByPlaceholder('username').fill(username);
  await page.getByRole('button', { name: 'Authorize app' }).click();
  await expect(page.getByTestId('account-card').filter({ hasText: username })).toBeVisible();
  return username;
}

/** A small, valid PNG (8×8, one colour) to attach as an image. */
export function pngFile(name = 'chart.png'): { name: string; mimeType: string; buffer: Buffer } {
  const base64 =
    'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGPgW/oSK2IYWhIACGBnAXdzo6sAAAAASUVORK5CYII=';
  return { name, mimeType: 'image/png', buffer: Buffer.from(base64, 'base64') };
}

/** The wall-clock date ("YYYY-MM-DD") and time ("HH:MM") of an instant in a zone. */
export function wallClockIn(instant: Date, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * Where a README screenshot goes: into docs/screenshots only when asked for
 * (`UPDATE_SCREENSHOTS=1 pnpm --filter @tweetflow/web test:e2e`), so an ordinary test run
 * leaves the checkout as it found it; otherwise beside the other test output.
 *
 * @example
 * await page.screenshot({ path: screenshotPath('composer.png') });
 */
export function screenshotPath(name: string): string {
  return process.env.UPDATE_SCREENSHOTS === '1' ? `../../docs/screenshots/${name}` : `test-results/screenshots/${name}`;
}
