import { expect, test, type Page } from '@playwright/test';
import { connectSandboxAccount, gotoHydrated, signUp } from './support';

/** Opens the series' first post from the calendar the composer returned to. */
async function openFirstPost(page: Page, text: string): Promise<void> {
  await page.getByTestId('calendar-post').filter({ hasText: text }).first().click();
  await page.getByTestId('post-panel').getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByTestId('series-actions')).toBeVisible();
  await page.locator('html[data-hydrated="true"]').waitFor();
}

/** Signs up, connects an account and opens the composer with a repeating scheduled post. */
async function startSeries(page: Page, person: string, text: string): Promise<void> {
  await signUp(page, person);
  await connectSandboxAccount(page, person.split(' ')[0]!.toLowerCase());
  await gotoHydrated(page, '/app/compose');
  await page.getByLabel('Post 1', { exact: true }).fill(text);
  await page.getByRole('radio', { name: /^Schedule/ }).check({ force: true });
  await page.getByLabel('Repeat', { exact: true }).check();
}

test('a repeating series: schedule it, change every upcoming post at once, then stop it', async ({ page }) => {
  const run = Date.now().toString(36);
  await startSeries(page, 'Sam Series', `Daily tip ${run}`);
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

test('a weekly series on chosen weekdays', async ({ page }) => {
  await startSeries(page, 'Wes Weekly', `Weekly digest ${Date.now().toString(36)}`);
  await page.getByLabel('Repeat unit').selectOption('week');
  const weekdays = page.getByRole('group', { name: 'On these weekdays' });
  await expect(weekdays.getByRole('checkbox')).toHaveCount(7);
  await weekdays.getByLabel('Tuesday').check({ force: true });
  await weekdays.getByLabel('Thursday').check({ force: true });
  await expect(weekdays.getByLabel('Tuesday')).toBeChecked();
  await page.getByLabel('Number of posts').fill('4');
  await page.getByRole('button', { name: 'Schedule series' }).click();
  await expect(page.getByText('Scheduled a series of 4 posts.')).toBeVisible();
});
