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
