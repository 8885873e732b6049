import { expect, test } from '@playwright/test';
import { signUp } from './support';

/** tRPC over HTTP with superjson, as the SDK speaks it. */
const trpcBody = (json: unknown) => ({ json });

test('a personal API token works as a Bearer token on /api/trpc, and a revoked one is refused clearly', async ({
  page,
  request,
}) => {
  await signUp(page, 'Token User');

  // With the browser session: find the workspace and create a viewer token.
  const workspaces = await (await page.request.get('/api/trpc/workspaces.list')).json();
  const workspaceId = workspaces.result.data.json[0].id as string;
  const created = await page.request.post('/api/trpc/apiTokens.create', {
    data: trpcBody({ workspaceId, name: 'CI', role: 'viewer', expiresInDays: 30 }),
  });
  expect(created.status()).toBe(200);
  const { token, view } = (await created.json()).result.data.json as { token: string; view: { id: string } };
  expect(token).toMatch(/^tfp_/);

  // Without cookies, only the bearer token.
  const headers = { authorization: `Bearer ${token}` };
  const members = await request.get(`/api/trpc/workspaces.members?input=${encodeURIComponent(JSON.stringify(trpcBody({ workspaceId })))}`, { headers });
  expect(members.status()).toBe(200);
  expect((await members.json()).result.data.json[0].displayName).toBe('Token User');

  // A viewer token cannot write.
  const write = await request.post('/api/trpc/workspaces.invite', {
    headers,
    data: trpcBody({ workspaceId, email: 'someone@example.com', role: 'viewer' }),
  });
  expect(write.status()).toBe(403);

  await page.request.post('/api/trpc/apiTokens.revoke', { data: trpcBody({ workspaceId, tokenId: view.id }) });
  const refused = await request.get('/api/trpc/workspaces.list', { headers });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.json.message).toBe(
    'This API token was revoked. Create a new one in Settings → API tokens.',
  );
});
