import { expect, test } from '@playwright/test';

test('the landing page renders and reaches the API through tRPC', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle(/TweetFlow/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Plan, publish and automate on X');
  // The status pill is filled by a live tRPC query against the database and queue.
  await expect(page.getByTestId('system-status')).toHaveText(/All systems ready/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

test('health endpoints answer for load balancers', async ({ request }) => {
  expect((await request.get('/healthz')).status()).toBe(200);
  const ready = await request.get('/readyz');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ ok: true, database: 'ok', queue: 'ok' });
});

test('an unknown page gets a readable 404, not a stack trace', async ({ page }) => {
  const response = await page.goto('/no-such-page');
  expect(response?.status()).toBe(404);
  await expect(page.locator('body')).not.toContainText(/at .*\.(ts|js):\d+/);
});
