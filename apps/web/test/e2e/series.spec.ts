import { expect, test, type Page } from '@playwright/test';
import { connectSandboxAccount, gotoHydrated, signUp } from './support';

/** Opens the series' first post from the calendar the composer returned to. */
async function openFirstPost(page: Page, text: string): Promise<void> {
  await page.getByTestId('calendar-post').filter({ hasText: text }).first().click();
  await page.getByTestId('post-panel').getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByTestId('series-actions')).toBeVisible();
  await page.locator('html[data-hydrated="true"]').waitFor();
}

test('a repeating series: schedule it, change every upcoming post at once, then stop it', async ({ page }) => {
  await signUp(page, 'Sam Series');
  await connectSandboxAccount(page, 'series');
  const run = Date.now().toString(36);

  await gotoHydrated(page, '/app/compose');
  await page.getByLabel('Post 1', { exact: true }).fill(`Daily tip ${run}`);
  await page.getByRole('radio', { name: /^Schedule/ }).check({ force: true });
  await page.getByLabel('Repeat', { exact: true }).check();
  await page.getByLabel('Repeat unit').selectOption('day');
  await page.getByLabel('Number of posts').fill('3');
  await page.getByRole('button', { name: 'Schedule series' }).click();
  await expect(page.getByText('Scheduled a series of 3 posts.')).toBeVisible();
  await expect(page).toHaveURL(/\/app\/calendar/);

  // Editing one occurrence offers the whole series.
  await openFirstPost(page, `Daily tip ${run}`);
  await page.getByLabel('Post 1', { exact: true }).fill(`Daily tip, revised ${run}`);
  await page.getByRole('button', { name: 'Apply to all upcoming posts' }).click();
  await expect(page.getByText('Updated the 3 upcoming posts of the series.')).toBeVisible();
  await expect(page).toHaveURL(/\/app\/calendar/);

  await openFirstPost(page, `Daily tip, revised ${run}`);
  await page.getByRole('button', { name: 'Stop the series' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Stop the series' }).click();
  await expect(page.getByText('Stopped the series: 3 upcoming posts were deleted.')).toBeVisible();
  await expect(page.getByTestId('calendar-post').filter({ hasText: run })).toHaveCount(0);
});
