import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { connectSandboxAccount, gotoHydrated, SANDBOX_URL, screenshotPath, signUp } from './support';

const HIDE_TOASTS = '[data-testid="toast"] { display: none; }';

const node = (page: Page, id: string) => page.locator(`[data-testid="canvas-node"][data-node-id="${id}"]`);

/** Drags from one point of the screen to another with the mouse, in steps, as a person would. */
async function dragBetween(page: Page, from: Locator, to: Locator): Promise<void> {
  const start = (await from.boundingBox())!;
  const end = (await to.boundingBox())!;
  await page.mouse.move(start.x + start.width / 2, start.y + start.height / 2);
  await page.mouse.down();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.mouse.up();
}

async function sandboxPosts(username: string): Promise<string[]> {
  const response = await fetch(`${SANDBOX_URL}/__sandbox/users/${username}/posts`);
  const { posts } = (await response.json()) as { posts: Array<{ text: string }> };
  return posts.map((post) => post.text);
}

test('build webhook → if → post on the canvas, fix a validation error, dry-run, activate, call the webhook and see the post and the run', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await signUp(page, 'Wren Workflow');
  const username = await connectSandboxAccount(page, 'flow');
  const run = Date.now().toString(36);

  await gotoHydrated(page, '/app/workflows');
  await expect(page.getByRole('heading', { name: 'No workflows yet' })).toBeVisible();
  await expect(page.getByTestId('template-card')).not.toHaveCount(0);
  await page.getByTestId('new-workflow').click();
  await page.getByLabel('Name').fill('Launch posts');
  await page.getByRole('button', { name: 'Create and open' }).click();
  await expect(page).toHaveURL(/\/app\/workflows\/[0-9a-f-]{36}$/);
  const workflowId = page.url().split('/').at(-1)!;
  await expect(node(page, 'trigger')).toBeVisible();

  // Trigger: the webhook, picked from the palette.
  await page.getByTestId('palette-trigger-webhook').click();
  await expect(node(page, 'trigger')).toHaveAttribute('data-node-type', 'webhook');

  // "If" clicked in the palette hangs after the selected trigger; "Post" is dragged onto the canvas.
  await page.getByTestId('palette-action-if').click();
  await expect(node(page, 'check')).toBeVisible();
  const canvas = page.getByTestId('workflow-canvas');
  const box = (await canvas.boundingBox())!;
  await page.getByTestId('palette-action-x.post').dragTo(canvas, { targetPosition: { x: box.width * 0.6, y: box.height * 0.72 } });
  await expect(node(page, 'post')).toBeVisible();
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(1);

  // Connected by dragging from the if's "true" handle to the post's input.
  await dragBetween(page, page.getByTestId('handle-check-true'), page.getByTestId('handle-post-in'));
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(2);
  await page.getByRole('button', { name: 'Auto-layout' }).click();
  await expect(page.locator('.svelte-flow__edge-label', { hasText: 'true' })).toBeVisible();

  // Keyboard: copy and paste a step, delete the copy; undo brings it back, undo again takes the paste back.
  await node(page, 'post').click();
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(node(page, 'post_2')).toBeVisible();
  await page.keyboard.press('Delete');
  await expect(node(page, 'post_2')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(node(page, 'post_2')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(node(page, 'post_2')).toHaveCount(0);
  await expect(page.locator('.svelte-flow__edge')).toHaveCount(2);

  // The empty condition is a problem, shown at the node and at its field, until it is written.
  await node(page, 'check').click();
  await expect(node(page, 'check')).toHaveAttribute('data-problems', '1');
  const conditionError = page.getByTestId('param-condition').getByTestId('field-error');
  await expect(conditionError).toContainText('empty');
  const condition = page.locator('#param-condition');
  await condition.click();
  await condition.pressSequentially('$contains(trigger.b');
  await expect(page.getByTestId('expression-suggestions')).toContainText('trigger.body');
  await condition.press('Enter');
  await condition.pressSequentially(".text, 'launch')");
  await expect(condition).toHaveValue("$contains(trigger.body.text, 'launch')");
  await expect(node(page, 'check')).toHaveAttribute('data-problems', '0');
  await expect(conditionError).toHaveText('');

  await node(page, 'post').click();
  await expect(page.locator('#param-accountId')).toHaveValue(/.+/);
  await page.locator('#param-text').fill('{{ trigger.body.text }}');
  await page.getByTestId('save-workflow').click();
  await expect(page.getByTestId('save-state')).toHaveText(/Saved as version 2/);
  await expect(page.getByTestId('problem-count')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('workflow-editor.png'), style: HIDE_TOASTS });
  await page.getByRole('button', { name: 'Versions' }).click();
  await expect(page.getByTestId('version-row')).toHaveCount(2);
  await expect(page.getByTestId('version-diff')).toContainText("Added if node 'check'");

  // Dry run with a sample body: the post step shows the text it would have posted.
  await page.getByTestId('open-test-panel').click();
  await page.getByLabel('Sample body (JSON)').fill(JSON.stringify({ text: `launch dry ${run}` }));
  await page.getByTestId('start-test-run').click();
  await expect(page.getByTestId('run-banner')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(node(page, 'check')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'post')).toHaveAttribute('data-status', 'succeeded');
  await node(page, 'post').click();
  const output = page.getByTestId('step-output');
  await expect(output).toContainText(`"text": "launch dry ${run}"`);
  await expect(output).toContainText('"dryRun": true');
  // Its text field previews the expression over that run's data, evaluated in the browser.
  await page.getByRole('tab', { name: 'Configure' }).click();
  await expect(page.getByTestId('param-text').getByTestId('expression-preview')).toContainText(`launch dry ${run}`);
  expect(await sandboxPosts(username)).not.toContain(`launch dry ${run}`);

  // Live: activate, then call the webhook URL as any tool would.
  await page.getByTestId('active-toggle').check({ force: true });
  await expect(page.getByTestId('active-state')).toHaveText('Active · v2');
  await gotoHydrated(page, `/app/workflows/${workflowId}`);
  await expect(page.getByTestId('active-state')).toHaveText('Active · v2');
  await node(page, 'trigger').click();
  const webhookUrl = await page.getByTestId('webhook-url').inputValue();
  expect(webhookUrl).toMatch(/\/hooks\/\S+$/);
  const call = (text: string) => fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text }) });
  expect((await call(`quiet ${run}`)).status).toBe(202);
  expect((await call(`launch live ${run}`)).status).toBe(202);
  await expect.poll(() => sandboxPosts(username), { timeout: 60_000 }).toContain(`launch live ${run}`);
  expect(await sandboxPosts(username)).not.toContain(`quiet ${run}`);

  // The history lists both webhook runs; the one that posted opens on the canvas with its data.
  await gotoHydrated(page, `/app/workflows/${workflowId}/runs`);
  const live = page.getByTestId('run-row').filter({ hasNotText: 'dry run' });
  await expect(live).toHaveCount(2, { timeout: 30_000 });
  await expect(live.first()).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('insight-runs-value')).toHaveText('2');
  await page.screenshot({ path: screenshotPath('workflow-history.png'), fullPage: true, style: HIDE_TOASTS });
  await gotoHydrated(page, (await live.first().getByRole('link', { name: 'Open on canvas' }).getAttribute('href'))!);
  await expect(page.getByTestId('run-viewer')).toBeVisible();
  await expect(node(page, 'post')).toHaveAttribute('data-status', 'succeeded');
  await node(page, 'post').click();
  await expect(page.getByTestId('step-output')).toContainText(`launch live ${run}`);

  // The list shows it active with its last run.
  await gotoHydrated(page, '/app/workflows');
  const row = page.getByTestId('workflow-row').filter({ hasText: 'Launch posts' });
  await expect(row.getByTestId('row-active-toggle')).toBeChecked();
  await expect(row.getByTestId('last-run-status')).toHaveText('Succeeded');
});

test('a test run stops at a breakpoint, shows the step’s input, and continues on command; a file with problems is not imported', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await signUp(page, 'Bea Breakpoint');
  const username = await connectSandboxAccount(page, 'debug');
  const definition = {
    trigger: { type: 'webhook', params: {} },
    nodes: [
      { id: 'shout', type: 'format', params: { template: '{{ $uppercase(trigger.body.text) }}!' } },
      { id: 'post', type: 'x.post', params: { accountId: 'acct_file', text: '{{ nodes.shout.text }}' } },
    ],
    edges: [
      { from: 'trigger', to: 'shout' },
      { from: 'shout', to: 'post' },
    ],
  };
  const file = (accounts: Record<string, string>) => ({
    name: 'workflow.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'tweetflow.workflow', schemaVersion: 1, name: 'Shouty', description: '', definition, accounts })),
  });

  await gotoHydrated(page, '/app/workflows');
  await page.getByRole('button', { name: 'Import' }).click();
  await page.getByTestId('import-file').setInputFiles(file({ acct_file: 'nobody_here' }));
  await expect(page.getByTestId('import-problems')).toContainText('@nobody_here is not connected');
  await page.getByTestId('import-file').setInputFiles(file({ acct_file: username }));
  await expect(page).toHaveURL(/\/app\/workflows\/[0-9a-f-]{36}$/);

  await node(page, 'post').click();
  await page.getByTestId('breakpoint-toggle').check();
  await expect(node(page, 'post').getByTestId('breakpoint-marker')).toBeVisible();
  await page.getByTestId('open-test-panel').click();
  await page.getByLabel('Sample body (JSON)').fill(JSON.stringify({ text: 'launch at noon' }));
  await page.getByTestId('start-test-run').click();

  // Paused before the post: the step before it ran, the post did not, and its input is shown.
  await expect(page.getByTestId('run-banner')).toHaveAttribute('data-status', 'paused', { timeout: 60_000 });
  await expect(node(page, 'shout')).toHaveAttribute('data-status', 'succeeded');
  await expect(node(page, 'post')).toHaveAttribute('data-status', 'paused');
  await node(page, 'post').click();
  await expect(page.getByTestId('step-input')).toContainText('"text": "LAUNCH AT NOON!"');
  await page.screenshot({ path: screenshotPath('workflow-debugger.png'), style: HIDE_TOASTS });

  await page.getByTestId('continue-run').click();
  await expect(page.getByTestId('run-banner')).toHaveAttribute('data-status', 'succeeded', { timeout: 60_000 });
  await expect(node(page, 'post')).toHaveAttribute('data-status', 'succeeded');
  await expect(page.getByTestId('step-output')).toContainText('"text": "LAUNCH AT NOON!"');
});

test('a template becomes a scheduled workflow with its next runs shown; the list searches, activates, duplicates, exports and deletes', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await signUp(page, 'Tem Plate');
  const username = await connectSandboxAccount(page, 'tmpl');

  await gotoHydrated(page, '/app/workflows');
  await page.getByTestId('template-card').filter({ hasText: 'Daily post from a list' }).getByRole('button', { name: 'Use this template' }).click();
  const account = page.getByRole('dialog').getByLabel('X account');
  await expect(account.locator('option:checked')).toHaveText(`@${username}`);
  await page.getByRole('button', { name: 'Create workflow' }).click();
  await expect(page).toHaveURL(/\/app\/workflows\/[0-9a-f-]{36}$/);

  // The schedule's next five times follow the cron expression as it is edited.
  await node(page, 'trigger').click();
  const preview = page.getByTestId('schedule-preview').getByRole('listitem');
  await expect(preview).toHaveCount(5);
  await page.locator('#param-cron').fill('0 10 * * 1');
  await expect(preview.first()).toContainText('Mon');
  await expect(preview.nth(1)).toContainText('Mon');
  await page.getByTestId('save-workflow').click();
  await expect(page.getByTestId('save-state')).toHaveText(/Saved as version 2/);

  await gotoHydrated(page, '/app/workflows');
  const row = page.getByTestId('workflow-row').filter({ hasText: 'Daily post from a list' });
  await expect(row).toContainText('Schedule');
  await row.getByTestId('row-active-toggle').check({ force: true });
  await expect(row).toContainText(/in \d+ (days?|hours?|minutes?)|tomorrow/);

  await page.getByTestId('workflow-search').fill('nothing like it');
  await expect(page.getByText('No workflow’s name contains')).toBeVisible();
  await page.getByTestId('workflow-search').fill('daily');
  await expect(page.getByTestId('workflow-row')).toHaveCount(1);

  const download = page.waitForEvent('download');
  await row.getByRole('button', { name: 'Export Daily post from a list' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('daily-post-from-a-list.tweetflow.json');
  const exported = JSON.parse(await readFile(await file.path(), 'utf8')) as { format: string; accounts: Record<string, string> };
  expect(exported.format).toBe('tweetflow.workflow');
  expect(Object.values(exported.accounts)).toEqual([username]);

  await row.getByRole('button', { name: 'Duplicate Daily post from a list' }).click();
  await expect(page).toHaveURL(/\/app\/workflows\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('workflow-name')).toHaveText('Daily post from a list (copy)');
  await gotoHydrated(page, '/app/workflows');
  await expect(page.getByTestId('workflow-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Delete Daily post from a list (copy)' }).click();
  await page.getByRole('button', { name: 'Delete workflow' }).click();
  await expect(page.getByTestId('workflow-row')).toHaveCount(1);
  await expect(page.getByTestId('workflow-row').getByTestId('row-active-toggle')).toBeChecked();
});
