import { expect, test, type Page } from '@playwright/test';
import { connectSandboxAccount, gotoHydrated, pngFile, SANDBOX_URL, screenshotPath, signUp, wallClockIn } from './support';

// The person works in Berlin; the post is scheduled in New York time, to prove the zone
// chosen in the composer (not the browser's or the person's) decides the instant.
// The locale is pinned because the composer writes times the way the browser's locale does
// (en-US: "01:07 PM"), while the calendar uses a 24-hour clock.
test.use({ timezoneId: 'Europe/Berlin', locale: 'en-US' });


/** Picks a choice shown as a card (the radio itself is visually hidden inside its label). */
async function choose(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('radio', { name }).check({ force: true });
}

async function writeThread(page: Page, texts: string[]): Promise<void> {
  for (const [index, text] of texts.entries()) {
    if (index > 0) await page.getByRole('button', { name: `Add a post after post ${index}` }).click();
    await page.getByLabel(`Post ${index + 1}`, { exact: true }).fill(text);
  }
}

test('compose a three-post thread with an image, schedule it in another zone, watch it publish live and land on X in order', async ({ page }) => {
  test.setTimeout(240_000);
  await signUp(page, 'Pat Publisher');
  const username = await connectSandboxAccount(page, 'pat');

  await gotoHydrated(page, '/app/compose');
  await expect(page.getByRole('radio', { name: `@${username}` })).toBeChecked();
  const run = Date.now().toString(36);
  const texts = [`Launch day ${run}: a thread, 1/3`, `What changed ${run}: scheduling in any time zone`, `Try it ${run} and tell us what you think`];
  await writeThread(page, texts);

  await page.getByLabel('Add media to post 1').setInputFiles(pngFile());
  const attachment = page.getByTestId('media-attachment');
  await expect(attachment).toHaveAttribute('data-state', 'ready');
  await attachment.getByLabel('Alt text for chart.png').fill('A small blue square');
  await expect(page.getByTestId('thread-preview').getByRole('listitem')).toHaveCount(3);

  // The next full minute at least a minute away, as a New York wall-clock time.
  const at = new Date(Math.ceil((Date.now() + 65_000) / 60_000) * 60_000);
  const newYork = wallClockIn(at, 'America/New_York');
  await choose(page, /^Schedule/);
  await page.getByLabel('Date', { exact: true }).fill(newYork.date);
  await page.getByLabel('Time', { exact: true }).fill(newYork.time);
  await page.getByLabel('Time zone').selectOption('America/New_York');
  const berlin = wallClockIn(at, 'Europe/Berlin');
  const berlinAsTheComposerWritesIt = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }).format(at);
  await expect(page.getByTestId('time-in-your-zone')).toContainText(berlinAsTheComposerWritesIt);
  await page.setViewportSize({ width: 1280, height: 1750 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('composer.png') });
  await page.setViewportSize({ width: 1280, height: 960 });

  await page.getByRole('button', { name: 'Schedule', exact: true }).click();
  await expect(page).toHaveURL(/\/app\/calendar/);
  const onCalendar = page.getByTestId('calendar-post').filter({ hasText: texts[0]! });
  await expect(onCalendar).toHaveAttribute('data-status', 'scheduled');
  // Shown in the person's zone: the Berlin time.
  await expect(onCalendar).toContainText(berlin.time);
  await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-connection', 'live');
  await page.screenshot({ path: screenshotPath('calendar.png'), style: '[data-testid="toast"] { display: none; }' });

  // No reload from here on: the status changes arrive over the live stream.
  await page.evaluate(() => ((window as unknown as { stillTheSamePage: boolean }).stillTheSamePage = true));
  await expect(onCalendar).toHaveAttribute('data-status', 'published', { timeout: 180_000 });
  expect(await page.evaluate(() => (window as unknown as { stillTheSamePage?: boolean }).stillTheSamePage)).toBe(true);

  // On the sandbox's timeline: one thread, in order, the image (with its alt text) on the first post.
  await page.goto(SANDBOX_URL);
  const thread = page.locator('.card').filter({ hasText: texts[0]! });
  const posts = thread.locator('.post');
  await expect(posts).toHaveCount(3);
  for (const [index, text] of texts.entries()) await expect(posts.nth(index)).toContainText(text);
  await expect(posts.nth(0)).toContainText('image · ALT: A small blue square');
});

test('library templates, snippets and hashtag groups go into the composer', async ({ page }) => {
  await signUp(page, 'Lib Rarian');
  await connectSandboxAccount(page, 'lib');

  await gotoHydrated(page, '/app/library');
  await page.getByRole('button', { name: 'New template' }).click();
  await page.getByLabel('Name').fill('Weekly recap');
  await page.getByLabel('Post 1', { exact: true }).fill('This week in review');
  await page.getByRole('button', { name: '+ Add a post' }).click();
  await page.getByLabel('Post 2', { exact: true }).fill('Thanks for reading');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('library-item').filter({ hasText: 'Weekly recap' })).toBeVisible();

  await page.getByRole('button', { name: 'New hashtag group' }).click();
  await page.getByLabel('Name').fill('Launch');
  await page.getByLabel('Hashtags').fill('launch, #BuildInPublic');
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByTestId('library-item').filter({ hasText: '#launch #BuildInPublic' })).toBeVisible();

  await gotoHydrated(page, '/app/compose');
  await page.getByRole('button', { name: 'Library' }).first().click();
  await page.getByRole('button', { name: 'Replace the thread with Weekly recap' }).click();
  await expect(page.getByLabel('Post 1', { exact: true })).toHaveValue('This week in review');
  await expect(page.getByLabel('Post 2', { exact: true })).toHaveValue('Thanks for reading');

  await page.getByRole('button', { name: 'Library' }).nth(1).click();
  await page.getByRole('button', { name: 'Add Launch hashtags' }).click();
  await expect(page.getByLabel('Post 2', { exact: true })).toHaveValue('Thanks for reading\n\n#launch #BuildInPublic');

  // Reorder with the keyboard: Alt+↓ moves the first post below the second.
  await page.getByLabel('Post 1', { exact: true }).press('Alt+ArrowDown');
  await expect(page.getByLabel('Post 1', { exact: true })).toHaveValue(/Thanks for reading/);
});

test('a queue with posting times takes a post into its next free slot', async ({ page }) => {
  await signUp(page, 'Quinn Queue');
  await connectSandboxAccount(page, 'queue');

  await gotoHydrated(page, '/app/queue');
  await page.getByLabel('New posting time').fill('10:30');
  await page.getByRole('button', { name: 'Add time' }).click();
  await expect(page.getByRole('button', { name: 'Monday 10:30' })).toHaveAttribute('aria-pressed', 'true');
  await page.getByRole('button', { name: 'Sunday 10:30' }).click();
  await expect(page.getByRole('button', { name: 'Sunday 10:30' })).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('slots-save-state')).toHaveText('Saved');

  await gotoHydrated(page, '/app/compose');
  await page.getByLabel('Post 1', { exact: true }).fill(`Queued thought ${Date.now().toString(36)}`);
  await choose(page, /^Add to queue/);
  await expect(page.getByTestId('next-slot')).toContainText('10:30');
  await page.getByLabel('Post 1', { exact: true }).press('Control+Enter');
  await expect(page).toHaveURL(/\/app\/calendar/);

  await gotoHydrated(page, '/app/queue');
  await expect(page.getByTestId('queued-post')).toHaveCount(1);
  await expect(page.getByTestId('queued-post')).toContainText('10:30');
});

test('a post X refuses shows as failed with the reason, and the bell counts it live', async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, 'Dee Duplicate');
  await connectSandboxAccount(page, 'dup');
  const text = `Same words twice ${Date.now().toString(36)}`;

  for (let attempt = 0; attempt < 2; attempt++) {
    await gotoHydrated(page, '/app/compose');
    await page.getByLabel('Post 1', { exact: true }).fill(text);
    await choose(page, /^Post now/);
    await page.getByRole('button', { name: 'Post now', exact: true }).click();
    await expect(page).toHaveURL(/\/app\/calendar/);
    if (attempt === 0) await expect(page.getByTestId('calendar-post').filter({ hasText: text }).first()).toHaveAttribute('data-status', 'published', { timeout: 60_000 });
  }

  await expect(page.locator('[data-testid="calendar-post"][data-status="failed"]')).toHaveCount(1, { timeout: 60_000 });
  const bell = page.getByTestId('notification-bell').locator('visible=true');
  await expect(bell).toHaveAccessibleName(/1 unread/);
  await bell.click();
  await expect(page.getByTestId('notification').first()).toBeVisible();
  await page.getByRole('button', { name: 'Mark all read' }).click();
  await expect(bell).toHaveAccessibleName('Notifications');
});

test('click a day on the calendar to schedule a post there, then drag it to the next day', async ({ page }) => {
  await signUp(page, 'Dana Drag');
  await connectSandboxAccount(page, 'drag');
  const now = new Date();
  const day = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 15 + offset)).toISOString().slice(0, 10);
  const dayCell = (date: string) => page.locator('.ec-day').filter({ has: page.locator(`time[datetime="${date}"]`) });

  await gotoHydrated(page, `/app/calendar?view=month&date=${day(0)}`);
  await expect(page.getByTestId('calendar-empty')).toBeVisible();
  await dayCell(day(0)).click();
  await expect(page).toHaveURL(/\/app\/compose\?at=/, { timeout: 15_000 });
  await expect(page.getByLabel('Date', { exact: true })).toHaveValue(day(0));
  await expect(page.getByLabel('Time', { exact: true })).toHaveValue('09:00');
  const text = `Moved along ${Date.now().toString(36)}`;
  await page.getByLabel('Post 1', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Schedule', exact: true }).click();

  const post = page.getByTestId('calendar-post').filter({ hasText: text });
  await expect(post).toHaveAttribute('data-status', 'scheduled');
  await post.dragTo(dayCell(day(1)));
  const moved = new Intl.DateTimeFormat(undefined, { timeZone: 'Europe/Berlin', weekday: 'short', day: 'numeric', month: 'short' }).format(new Date(`${day(1)}T12:00:00Z`));
  await expect(page.getByTestId('toast').filter({ hasText: 'Moved to' })).toContainText(moved);

  // Kept after a reload: the post now opens with the new day.
  await page.reload();
  await page.getByTestId('calendar-post').filter({ hasText: text }).click();
  await expect(page.getByTestId('post-panel')).toContainText(
    new Intl.DateTimeFormat(undefined, { timeZone: 'Europe/Berlin', weekday: 'long', day: 'numeric', month: 'long' }).format(new Date(`${day(1)}T12:00:00Z`)),
  );
});
