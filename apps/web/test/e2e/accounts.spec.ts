import { expect, test } from '@playwright/test';
import { connectSandboxAccount, gotoHydrated, sandboxStats, signUp } from './support';

test('sign up, connect a sandbox X account through its authorize page, see it active, disconnect it', async ({ page }) => {
  await signUp(page, 'Ada Brand');
  await page.goto('/app/accounts');
  const revokedBefore = (await sandboxStats()).revokedTokens;

  await page.getByTestId('connect-account').first().click();
  // The sandbox's own authorize page, as X would show it.
  await expect(page.getByRole('button', { name: 'Authorize app' })).toBeVisible();
  const username = `ada_${Date.now().toString(36).slice(-6)}`;
  await page.getByPlaceholder('username').fill(username);
  await page.getByRole('button', { name: 'Authorize app' }).click();

  const card = page.getByTestId('account-card').filter({ hasText: username });
  await expect(card).toBeVisible();
  await expect(card.getByTestId('account-status')).toHaveText(/active/i);

  await card.getByTestId('disconnect-account').click();
  await page.getByRole('button', { name: 'Disconnect', exact: true }).click();
  await expect(page.getByTestId('account-card').filter({ hasText: username })).toHaveCount(0);

  // Both the refresh and the access token were revoked at X.
  await expect.poll(async () => (await sandboxStats()).revokedTokens).toBeGreaterThanOrEqual(revokedBefore + 1);
});

test('sign-in errors are readable and do not reveal whether the email exists', async ({ page }) => {
  const email = await signUp(page, 'Grace');
  // A fresh browser: no session cookie.
  await page.context().clearCookies();

  await gotoHydrated(page, '/auth/sign-in');
  const submit = async (emailAddress: string, password: string) => {
    await page.getByLabel('Email').fill(emailAddress);
    await page.getByLabel('Password').fill(password);
    // Wait for the form's answer and for the button to come back, so the next attempt
    // does not race the re-render of this one.
    await Promise.all([
      page.waitForResponse((response) => response.url().includes('/auth/sign-in') && response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Sign in', exact: true }).click(),
    ]);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  };

  await submit(email, 'wrong password entirely');
  const wrongPassword = await page.getByRole('alert').textContent();
  expect(wrongPassword).toContain('do not match an account');

  await submit('nobody-here@example.com', 'wrong password entirely');
  await expect(page.getByRole('alert')).toHaveText(wrongPassword!);

  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/app/);
});

test('Sign in with X creates an account with that X account connected', async ({ page }) => {
  await page.goto('/auth/sign-in');
  await page.getByRole('link', { name: 'Sign in with X' }).click();
  const username = `xsign_${Date.now().toString(36).slice(-6)}`;
  await page.getByPlaceholder('username').fill(username);
  await page.getByRole('button', { name: 'Authorize app' }).click();
  await expect(page).toHaveURL(/\/app/);
  await page.goto('/app/accounts');
  await expect(page.getByTestId('account-card').filter({ hasText: username }).getByTestId('account-status')).toHaveText(
    /active/i,
  );
});

test("an X profile picture that cannot load shows the account's initial, also when it failed before the page came alive", async ({ page }) => {
  // X's picture host answers 404 here (an expired picture URL, or a network without X):
  // the server-rendered <img> fails while the page's scripts are still loading.
  await page.route('https://abs.twimg.com/**', (route) => route.fulfill({ status: 404, body: '' }));
  await signUp(page, 'Pictureless Person');
  const username = await connectSandboxAccount(page, 'nopic');

  await gotoHydrated(page, '/app/accounts');
  const card = page.getByTestId('account-card').filter({ hasText: username });
  await expect(card).toBeVisible();
  await expect(page.locator('img[src*="abs.twimg.com"]')).toHaveCount(0);
  await expect(card.getByText('N', { exact: true })).toBeVisible();
});
