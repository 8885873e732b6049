import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { gotoHydrated, signUp } from './support';

test('a person requests an export of their data, watches it being prepared and downloads the zip', async ({ page }) => {
  await signUp(page, 'Export Person');
  await gotoHydrated(page, '/app/settings/privacy');
  await expect(page.getByTestId('account-activity')).toContainText('Created an account');

  await page.getByRole('button', { name: 'Request an export' }).click();
  const item = page.getByTestId('export-item').first();
  // Queued or building: the bar shows while the worker prepares it, then the link appears.
  await expect(item).toHaveAttribute('data-status', /queued|running|ready/);
  await expect(item.getByTestId('export-progress').or(item.getByTestId('export-download'))).toBeVisible();
  await expect(item).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });

  const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^tweetflow-personal-export-\d{4}-\d{2}-\d{2}\.zip$/);
  const zip = await readFile((await download.path())!);
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  // File names sit uncompressed in a zip's directory.
  for (const name of ['manifest.json', 'README.txt', 'data/users.json', 'data/workspaces.json', 'data/audit_entries.json', 'data/sessions.json']) {
    expect(zip.includes(Buffer.from(name)), name).toBe(true);
  }

  // A tampered link is refused.
  const link = new URL((await item.getByTestId('export-download').getAttribute('href'))!, page.url());
  link.searchParams.set('expires', String(Number(link.searchParams.get('expires')) + 3600));
  expect((await page.request.get(link.toString())).status()).toBe(403);
});

test('an owner schedules a workspace for deletion and undoes it within the grace period', async ({ page }) => {
  await signUp(page, 'Deleting Owner');
  const name = `Doomed ${Date.now().toString(36)}`;
  const created = await page.request.post('/api/trpc/workspaces.create', { data: { json: { name, timezone: 'UTC' } } });
  const workspaceId = (await created.json()).result.data.json.id as string;
  await page.request.post('/api/trpc/workspaces.select', { data: { json: { workspaceId } } });

  await gotoHydrated(page, '/app/settings/workspace');
  const card = page.getByTestId('delete-workspace');
  await card.getByRole('button', { name: 'Delete this workspace…' }).click();
  const dialog = page.getByRole('dialog');
  const confirm = dialog.getByRole('button', { name: 'Delete this workspace' });
  await expect(confirm).toBeDisabled();
  await dialog.getByTestId('delete-workspace-confirmation').fill(name);
  await confirm.click();

  await expect(page.getByTestId('deletion-banner')).toContainText(`${name} will be deleted in 7 days`);
  await expect(card.getByTestId('delete-workspace-scheduled')).toBeVisible();
  await card.getByRole('button', { name: 'Undo deletion' }).click();
  await expect(page.getByTestId('deletion-banner')).toBeHidden();
  await expect(card.getByRole('button', { name: 'Delete this workspace…' })).toBeVisible();

  // Both steps are in the audit log, which downloads as CSV.
  await gotoHydrated(page, '/app/settings/audit');
  await expect(page.locator('[data-testid="audit-entry"][data-action="workspace.deletion_scheduled"]')).toContainText('Deleting Owner');
  await expect(page.locator('[data-testid="audit-entry"][data-action="workspace.deletion_cancelled"]')).toBeVisible();
  const csv = await page.request.get((await page.getByTestId('audit-csv').getAttribute('href'))!);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(await csv.text()).toMatch(/workspace\.deletion_cancelled,Cancelled the workspace deletion,Deleting Owner/);
});

test('pages carry a strict content security policy and security headers, and cross-site form posts are refused', async ({ page, request }) => {
  const response = await page.goto('/auth/sign-in');
  const headers = response!.headers();
  const csp = headers['content-security-policy']!;
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
  expect(csp).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['strict-transport-security']).toContain('max-age=');
  await page.locator('html[data-hydrated="true"]').waitFor();

  const forged = await request.post('/auth/sign-in', {
    headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
    data: 'email=a%40example.com&password=x',
  });
  expect(forged.status()).toBe(403);
});
