import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import postgres from 'postgres';
import { SANDBOX_URL, signUp } from './support';

const E2E_DATABASE_URL = 'postgres://postgres:tweetflow-embedded@127.0.0.1:54339/tweetflow';
const STACK_LOG = path.resolve(import.meta.dirname, '../../../../.tweetflow/e2e/stack.log');

test('no X access or refresh token is stored or logged in plaintext', async ({ page }) => {
  // Make sure at least one account is connected now, whatever ran before.
  await signUp(page, 'Token Keeper');
  await page.goto('/app/accounts');
  await page.getByTestId('connect-account').first().click();
  const username = `keeper_${Date.now().toString(36).slice(-6)}`;
  await page.getByPlaceholder('username').fill(username);
  await page.getByRole('button', { name: 'Authorize app' }).click();
  await expect(page.getByTestId('account-card').first()).toBeVisible();

  const { tokens } = (await (await fetch(`${SANDBOX_URL}/__sandbox/tokens/issued`)).json()) as { tokens: string[] };
  expect(tokens.length).toBeGreaterThanOrEqual(2);

  // A dump of every table in every schema, as text.
  const sql = postgres(E2E_DATABASE_URL, { max: 1 });
  const tables = await sql<{ schema: string; name: string }[]>`
    select table_schema as schema, table_name as name from information_schema.tables
    where table_schema not in ('pg_catalog', 'information_schema') and table_type = 'BASE TABLE'`;
  let dump = '';
  for (const table of tables) {
    const rows = await sql.unsafe(`select t::text as row from "${table.schema}"."${table.name}" t`);
    dump += `${rows.map((row) => String(row.row)).join('\n')}\n`;
  }
  await sql.end();
  // The dump really holds the connected account (with its encrypted tokens).
  expect(dump).toContain(username);

  const log = readFileSync(STACK_LOG, 'utf8');
  expect(log.length).toBeGreaterThan(0);
  for (const token of tokens) {
    expect(dump.includes(token), 'a token is stored in plaintext').toBe(false);
    expect(log.includes(token), 'a token was logged').toBe(false);
  }
});
