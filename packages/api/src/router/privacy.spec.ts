import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { connectXAccount, createApiToken, authenticateApiToken } from '@tweetflow/core';
import { startSandbox, type RunningSandbox } from '@tweetflow/x-sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiContext, type Caller } from '../context';
import { retryAfterHeaders } from '../retry-after';
import { appRouter } from '../root';
import { createCallerFactory } from '../trpc';
import { createApiHarness, type ApiHarness, type Person } from '../testing/harness';

let sandbox: RunningSandbox;
let harness: ApiHarness;
let owner: Person;
let member: Person;

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  harness = await createApiHarness({
    xApiBaseUrl: sandbox.url,
    env: { RATE_LIMIT_API_PER_MINUTE: '40', RATE_LIMIT_API_TOKEN_PER_MINUTE: '3', WORKSPACE_MAX_SCHEDULED_POSTS: '1' },
  });
  owner = await harness.signUpPerson('Owner');
  member = await harness.signUpPerson('Member');
});
afterAll(async () => {
  await harness.close();
  await sandbox.stop();
});

/** One HTTP request through tRPC's fetch adapter, as the web app mounts it. */
async function httpCall(caller: Caller, path: string): Promise<Response> {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: new Request(`http://localhost/api/trpc/${path}`),
    router: appRouter,
    createContext: () => createApiContext(harness.deps, caller),
    responseMeta: ({ errors }) => ({ headers: retryAfterHeaders(errors, harness.deps.clock.now()) }),
  });
}

describe('request limits', () => {
  it('answers 429 with Retry-After and a readable message once an API token exceeds its limit, without touching its owner’s browser', async () => {
    const { db } = harness.database;
    const { token } = await createApiToken(db, harness.deps.clock, {
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      callerRole: 'owner',
      name: 'busy script',
      role: 'viewer',
      expiresInDays: 1,
    });
    const caller: Caller = { kind: 'api-token', userId: owner.userId, token: await authenticateApiToken(db, harness.deps.clock, token) };
    for (let i = 0; i < 3; i++) expect((await httpCall(caller, 'workspaces.list')).status).toBe(200);

    const refused = await httpCall(caller, 'workspaces.list');
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(120);
    const body = (await refused.json()) as { error: { json: { message: string; data: { retryAt: string; stack?: string } } } };
    // The limiter counts in fixed minutes, so the wait is 30–90 s by where in the minute the
    // requests fell; one sent in a minute's first second waits ≈ 90 s, read as "2 minutes".
    expect(body.error.json.message).toMatch(/^Slow down: more than 3 requests in a minute with this API token\. Try again in (\d+ seconds?|2 minutes)\.$/);
    expect(new Date(body.error.json.data.retryAt).getTime()).toBeGreaterThan(harness.deps.clock.now().getTime());
    expect(body.error.json.data.stack).toBeUndefined();

    // The person's browser session has a count of its own.
    expect((await httpCall(owner.caller, 'workspaces.list')).status).toBe(200);
  });

  it('caps scheduled posts per workspace with a sentence that says what to do', async () => {
    const person = await harness.signUpPerson('Capped');
    sandbox.admin.createUser({ username: 'capped_x' });
    const issued = sandbox.admin.issueToken('capped_x');
    const account = await connectXAccount(harness.database.db, harness.deps.xAccounts, {
      workspaceId: person.workspaceId,
      userId: person.userId,
      tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token ?? null, accessTokenExpiresAt: new Date(Date.now() + 3_600_000), scopes: issued.scope.split(' ') },
    });
    const content = { accountId: account.id, items: [{ text: 'Soon', mediaIds: [] }] };
    const timing = { kind: 'at' as const, localDateTime: '2099-01-01T09:00', timezone: 'UTC' };
    await person.api.posts.create({ workspaceId: person.workspaceId, content, timing });
    await expect(person.api.posts.create({ workspaceId: person.workspaceId, content, timing })).rejects.toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'This workspace has 1 scheduled posts; this server allows at most 1. Let some publish, or unschedule some, before scheduling more.',
    });
    await person.api.posts.create({ workspaceId: person.workspaceId, content, timing: { kind: 'draft' } });
  });
});

describe('audit log through the API', () => {
  it('records token, account, member, export, retention and deletion actions with the client, for owners to filter', async () => {
    const client = { ipAddress: '198.51.100.23', userAgent: 'Mozilla/5.0 (audit test)' };
    const as = (person: Person) => harness.callerFor(person.caller);
    // The owner calls from a browser whose address and user agent the web app passed on.
    const viaBrowser = createCallerFactory(appRouter)({ ...createApiContext(harness.deps, owner.caller), client });
    
    const shared = await viaBrowser.workspaces.create({ name: 'Audited', timezone: 'UTC' });
    const memberEmail = (await as(member).auth.me()).email!;

    const { view } = await viaBrowser.apiTokens.create({ workspaceId: shared.id, name: 'CI', role: 'viewer', expiresInDays: 30 });
    await viaBrowser.apiTokens.revoke({ workspaceId: shared.id, tokenId: view.id });
    const invite = await viaBrowser.workspaces.invite({ workspaceId: shared.id, email: memberEmail, role: 'editor' });
    await as(member).workspaces.acceptInvite({ token: invite.link.split('/invite/')[1]! });
    await viaBrowser.workspaces.changeRole({ workspaceId: shared.id, userId: member.userId, role: 'viewer' });
    const second = await viaBrowser.workspaces.invite({ workspaceId: shared.id, email: 'someone@example.com', role: 'viewer' });
    await viaBrowser.workspaces.revokeInvite({ workspaceId: shared.id, inviteId: second.inviteId });
    await viaBrowser.workspaces.removeMember({ workspaceId: shared.id, userId: member.userId });

    sandbox.admin.createUser({ username: 'audited_x' });
    const issued = sandbox.admin.issueToken('audited_x');
    const account = await connectXAccount(harness.database.db, harness.deps.xAccounts, {
      workspaceId: shared.id,
      userId: owner.userId,
      tokens: { accessToken: issued.access_token, refreshToken: issued.refresh_token ?? null, accessTokenExpiresAt: new Date(Date.now() + 3_600_000), scopes: issued.scope.split(' ') },
    });
    await viaBrowser.xAccounts.disconnect({ workspaceId: shared.id, accountId: account.id });
    await viaBrowser.privacy.requestWorkspaceExport({ workspaceId: shared.id });
    await viaBrowser.retention.set({ workspaceId: shared.id, category: 'audit_entries', days: 90 });
    await viaBrowser.privacy.deleteWorkspace({ workspaceId: shared.id, confirmation: 'Audited' });
    await viaBrowser.privacy.cancelWorkspaceDeletion({ workspaceId: shared.id });

    const entries = await viaBrowser.audit.list({ workspaceId: shared.id });
    expect(entries.map((entry) => entry.action).reverse()).toEqual([
      'api_token.created',
      'api_token.revoked',
      'member.invited',
      'member.joined',
      'member.role_changed',
      'member.invited',
      'member.invite_revoked',
      'member.removed',
      'x_account.disconnected',
      'export.requested',
      'retention.changed',
      'workspace.deletion_scheduled',
      'workspace.deletion_cancelled',
    ]);
    const changed = entries.find((entry) => entry.action === 'member.role_changed')!;
    expect(changed).toMatchObject({ actor: { userId: owner.userId, name: 'Owner' }, subject: { userId: member.userId, name: 'Member' }, details: { role: 'viewer' }, ...client });
    expect(entries.find((entry) => entry.action === 'x_account.disconnected')).toMatchObject({ details: { username: 'audited_x' } });
    // The member joined from a call without client details.
    expect(entries.find((entry) => entry.action === 'member.joined')).toMatchObject({ actor: { userId: member.userId }, ipAddress: null });

    const memberChanges = await viaBrowser.audit.list({ workspaceId: shared.id, action: 'member', actorUserId: owner.userId });
    expect(memberChanges.map((entry) => entry.action)).toEqual(['member.removed', 'member.invite_revoked', 'member.invited', 'member.role_changed', 'member.invited']);

    await viaBrowser.auth.signOutEverywhere();
    const activity = await harness.callerFor(owner.caller).privacy.accountActivity();
    expect(activity.map((entry) => entry.action)).toContain('auth.signed_out_everywhere');
  });
});

describe('privacy procedures', () => {
  it('queue a personal export and show a scheduled account deletion until it is undone', async () => {
    const person = await harness.signUpPerson('Private');
    const { exportId } = await person.api.privacy.requestExport();
    expect(await person.api.privacy.exports()).toEqual([expect.objectContaining({ id: exportId, status: 'queued', progress: 0, downloadUrl: null })]);
    await expect(person.api.privacy.requestExport()).rejects.toMatchObject({ code: 'CONFLICT' });

    const email = (await person.api.auth.me()).email!;
    await expect(person.api.privacy.deleteAccount({ confirmation: 'nope' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: `To confirm, type your email address exactly: ${email}`,
    });
    const { eraseAfter } = await person.api.privacy.deleteAccount({ confirmation: email });
    expect(await person.api.privacy.deletions()).toEqual({ account: { eraseAfter }, workspaces: [], graceDays: 7 });
    await person.api.privacy.cancelAccountDeletion();
    expect((await person.api.privacy.deletions()).account).toBeNull();
  });
});
