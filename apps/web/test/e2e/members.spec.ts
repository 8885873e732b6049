import { expect, test } from '@playwright/test';
import { gotoHydrated, signUp } from './support';

test('an owner invites someone by email, who signs up through the link, accepts and appears among the members', async ({ page, browser }) => {
  await signUp(page, 'Inviting Owner');
  const invitee = `e2e.invitee.${Date.now()}@example.com`;

  await gotoHydrated(page, '/app/settings/members');
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill(invitee);
  await form.getByLabel('Role').selectOption('viewer');
  await form.getByRole('button', { name: 'Create invitation' }).click();
  // The e2e stack has no mail server, so the owner is told to pass the link on.
  await expect(page.getByTestId('invite-delivery')).toContainText(`No mail server is set up (SMTP_URL), so send this link to ${invitee} yourself.`);
  const link = await page.getByTestId('invite-link-value').inputValue();
  expect(link).toMatch(/\/invite\/\S+$/);

  const inviteeContext = await browser.newContext();
  try {
    const invited = await inviteeContext.newPage();
    await gotoHydrated(invited, new URL(link).pathname);
    await expect(invited.getByText(`You were invited as viewer, for ${invitee}.`)).toBeVisible();
    await invited.getByRole('link', { name: 'Create an account to accept' }).click();
    await expect(invited.getByLabel('Email')).toHaveValue(invitee);
    await invited.getByLabel('Your name').fill('Invited Viewer');
    await invited.getByLabel('Password').fill('correct horse battery staple');
    await invited.getByRole('button', { name: 'Create account' }).click();
    await invited.getByRole('button', { name: 'Accept invitation' }).click();
    // Accepting opens the workspace they joined: its members include the owner who invited them.
    await expect(invited).toHaveURL(/\/app$/);
    await expect(invited.getByTestId('workspace-switcher')).toContainText("Inviting Owner's workspace");
    await gotoHydrated(invited, '/app/settings/members');
    await expect(invited.getByTestId('member-row').filter({ hasText: 'Inviting Owner' })).toBeVisible();
  } finally {
    await inviteeContext.close();
  }

  await gotoHydrated(page, '/app/settings/members');
  await expect(page.getByTestId('member-row').filter({ hasText: 'Invited Viewer' })).toContainText('viewer');
});
