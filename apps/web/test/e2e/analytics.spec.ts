import { expect, test, type Page } from '@playwright/test';
import { connectSandboxAccount, gotoHydrated, SANDBOX_URL, signUp } from './support';

const DAY = 24 * 60 * 60_000;

async function sandbox(path: string, body: unknown): Promise<void> {
  const response = await fetch(`${SANDBOX_URL}/__sandbox${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  expect(response.ok, `${path}: ${await response.text()}`).toBe(true);
}

/** The local date ("YYYY-MM-DD") of an instant in a zone. */
function localDay(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** The workspace's zone, as the range picker names it. */
async function workspaceZone(page: Page): Promise<string> {
  const text = await page.getByTestId('range-picker').getByText(/^Days in /).textContent();
  return text!.replace(/^Days in /, '').replaceAll(' ', '_');
}

test('the dashboard charts a seeded account, a custom range changes the figures, and a triggered alert appears live', async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, 'Ana Lytics');
  const username = await connectSandboxAccount(page, 'ana');

  // A history made outside TweetFlow: 20 posts over the last 20 days, and 3 followers.
  const now = Date.now();
  const postedAt = Array.from({ length: 20 }, (_, index) => new Date(now - (index + 1) * DAY));
  for (const [index, at] of postedAt.entries()) await sandbox(`/users/${username}/posts`, { text: `Seeded post ${index + 1}`, created_at: at.toISOString() });
  for (const fan of ['a', 'b', 'c']) {
    const follower = `${username.slice(0, 11)}_${fan}`;
    await sandbox('/users', { username: follower });
    await sandbox(`/users/${follower}/follows`, { target: username });
  }

  // An alert rule that the first reading from X will trip: 1% of any rate-limit window used.
  await gotoHydrated(page, '/app/analytics/alerts');
  await page.getByTestId('alert-kind').selectOption('rate_limit_budget');
  await page.getByLabel(/Threshold/).fill('1');
  await page.getByTestId('add-alert-rule').click();
  await expect(page.getByTestId('alert-rules')).toContainText('Rate-limit budget');

  await gotoHydrated(page, '/app/analytics');
  await expect(page.getByTestId('metric-posts-value')).toHaveText('0');
  // Nothing read yet: an explanation instead of two empty charts.
  await expect(page.getByTestId('charts-empty')).toContainText('No figures in this range yet');
  await expect(page.getByTestId('chart-impressions')).toHaveCount(0);
  const bell = page.getByTestId('notification-bell').locator('visible=true');
  await expect(bell).toHaveAttribute('aria-label', 'Notifications');
  await page.getByTestId('collect-now').click();

  // The worker reads the account; the page refreshes itself when the snapshots arrive.
  await expect(page.getByTestId('metric-posts-value')).toHaveText('20', { timeout: 60_000 });
  await expect(page.getByTestId('metric-followers-value')).toHaveText('3');
  const impressions28 = await page.getByTestId('metric-impressions-value').textContent();
  expect(impressions28).not.toBe('0');
  await expect(page.getByTestId('metric-rate-value')).toHaveText(/^\d+\.\d\d%$/);
  await expect(page.getByTestId('formula')).toContainText('(likes + reposts + replies + quotes + bookmarks) ÷ impressions');
  await expect(page.getByTestId('chart-impressions').locator('canvas[data-chart-ready="true"]')).toBeVisible();
  await expect(page.getByTestId('chart-followers').locator('canvas[data-chart-ready="true"]')).toBeVisible();
  await expect(page.getByTestId('charts-empty')).toHaveCount(0);
  await expect(page.getByTestId('top-posts').getByTestId('ranked-post')).toHaveCount(5);

  // A custom range: only the last 6 days.
  const zone = await workspaceZone(page);
  const today = localDay(new Date(), zone);
  const from = localDay(new Date(Date.parse(`${today}T12:00:00Z`) - 5 * DAY), 'UTC');
  const inRange = postedAt.filter((at) => localDay(at, zone) >= from).length;
  await page.getByTestId('range-from').fill(from);
  await page.getByTestId('range-from').dispatchEvent('change');
  await expect(page).toHaveURL(new RegExp(`from=${from}`));
  await expect(page.getByTestId('range-preset')).toHaveValue('custom');
  await expect(page.getByTestId('metric-posts-value')).toHaveText(String(inRange));
  await expect(page.getByTestId('metric-impressions-value')).not.toHaveText(impressions28!);

  // The drill-down of a post shows its curve.
  await page.getByTestId('top-posts').getByTestId('ranked-post').first().click();
  await expect(page.getByTestId('post-text')).toContainText('Seeded post');
  await expect(page.getByTestId('chart-post').locator('canvas[data-chart-ready="true"]')).toBeVisible();

  // Meanwhile the alert rule noticed the rate-limit window: the bell counts it without a reload.
  await expect(bell).toHaveAttribute('aria-label', 'Notifications, 1 unread', { timeout: 90_000 });
  await bell.click();
  await expect(page.getByTestId('notification').first()).toContainText(`@${username} used`);
});

test('owners see system health, and /metrics serves the same figures to Prometheus', async ({ page, request }) => {
  await signUp(page, 'Ops Owner');
  await gotoHydrated(page, '/app/analytics/system');
  await expect(page.getByTestId('queues')).toContainText('analytics.post-metrics');
  await expect(page.getByTestId('workers')).toContainText('live');

  const metrics = await request.get('/metrics');
  expect(metrics.status()).toBe(200);
  expect(metrics.headers()['content-type']).toContain('text/plain');
  const body = await metrics.text();
  expect(body).toContain('tweetflow_queue_jobs{queue="posts.publish",state="ready"}');
  expect(body).toMatch(/tweetflow_worker_up\{[^}]+\} 1/);
  expect(body).toMatch(/tweetflow_database_size_bytes \d+/);
});
