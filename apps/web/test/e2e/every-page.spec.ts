import { expect, test } from '@playwright/test';
import { gotoHydrated, signUp } from './support';

/** Every page of the app that needs no id, as a new workspace sees it first. */
const PAGES = [
  '/app',
  '/app/compose',
  '/app/calendar',
  '/app/queue',
  '/app/import',
  '/app/library',
  '/app/accounts',
  '/app/workflows',
  '/app/analytics',
  '/app/analytics/best-times',
  '/app/analytics/competitors',
  '/app/analytics/alerts',
  '/app/analytics/reports',
  '/app/analytics/system',
  '/app/settings/profile',
  '/app/settings/workspace',
  '/app/settings/members',
  '/app/settings/tokens',
  '/app/settings/privacy',
  '/app/settings/audit',
];

test('every page renders for a new workspace: a heading, no error page, nothing thrown in the browser', async ({ page }) => {
  test.setTimeout(120_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${page.url()}: console: ${message.text()}`);
  });
  await signUp(page, 'Page Visitor');

  for (const path of PAGES) {
    await gotoHydrated(page, path);
    await expect(page.getByRole('heading', { level: 1 }).first(), path).toBeVisible();
    await expect(page.getByText('Something went wrong'), path).toHaveCount(0);
  }

  expect(problems).toEqual([]);
});
