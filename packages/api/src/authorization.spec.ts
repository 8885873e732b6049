import { TRPCError, type AnyTRPCProcedure } from '@trpc/server';
import { acceptInvite, authenticateApiToken, createApiToken, inviteMember } from '@tweetflow/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from './root';
import { createApiHarness, type ApiHarness, type Person } from './testing/harness';
import type { ProcedureAccess } from './trpc';

/**
 * Walks every procedure of the app router, so a new procedure cannot forget its guard:
 * anonymous callers, members of another workspace, viewers (for writes) and API tokens
 * (for session-only actions) are refused.
 */
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyTRPCProcedure>).map(([path, procedure]) => ({
  path,
  type: procedure._def.type,
  meta: procedure._def.meta as ProcedureAccess | undefined,
}));

/** Writes a viewer may make because they touch only the viewer's own data. */
const VIEWER_WRITES_ON_OWN_DATA = new Set([
  'workspaces.select', // remembers which workspace the viewer looked at last
  'apiTokens.create', // a viewer's own token, capped at the viewer role
  'apiTokens.revoke', // the viewer's own token
]);

describe('authorization matrix', () => {
  let harness: ApiHarness;
  let owner: Person;
  let viewer: Person;
  let outsider: Person;
  let tokenCaller: ReturnType<ApiHarness['callerFor']>;

  beforeAll(async () => {
    harness = await createApiHarness();
    owner = await harness.signUpPerson('Owner');
    viewer = await harness.signUpPerson('Viewer');
    outsider = await harness.signUpPerson('Outsider');
    const { db } = harness.database;
    const invite = await inviteMember(db, harness.deps.clock, {
      workspaceId: owner.workspaceId,
      email: (await viewer.api.auth.me()).email!,
      role: 'viewer',
      invitedByUserId: owner.userId,
    });
    await acceptInvite(db, harness.deps.clock, { token: invite.token, userId: viewer.userId });
    const { token } = await createApiToken(db, harness.deps.clock, {
      workspaceId: owner.workspaceId,
      userId: owner.userId,
      callerRole: 'owner',
      name: 'matrix',
      role: 'owner',
      expiresInDays: 1,
    });
    const apiToken = await authenticateApiToken(db, harness.deps.clock, token);
    tokenCaller = harness.callerFor({ kind: 'api-token', userId: owner.userId, token: apiToken });
  });
  afterAll(() => harness.close());

  const call = (api: ReturnType<ApiHarness['callerFor']>, path: string, input: unknown) => {
    const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], api) as (
      input: unknown,
    ) => Promise<unknown>;
    return fn(input).then(
      () => 'OK',
      (error: unknown) => (error instanceof TRPCError ? error.code : `THREW ${String(error)}`),
    );
  };

  it('knows the router: every procedure declares who may call it', () => {
    expect(procedures.length).toBeGreaterThan(10);
    for (const { path, meta } of procedures) {
      expect(meta?.access, `${path} has no access rule`).toMatch(/^(public|user|session|workspace)$/);
    }
  });

  it.each(procedures.filter((p) => p.meta?.access !== 'public'))('$path refuses anonymous callers', async ({ path }) => {
    expect(await call(harness.callerFor(null), path, { workspaceId: owner.workspaceId })).toBe('UNAUTHORIZED');
  });

  const workspaceProcedures = procedures.filter((p) => p.meta?.access === 'workspace');

  it.each(workspaceProcedures)('$path refuses members of another workspace', async ({ path }) => {
    expect(await call(outsider.api, path, { workspaceId: owner.workspaceId })).toBe('FORBIDDEN');
  });

  it.each(workspaceProcedures)('$path lets a member with the right role past the gate', async ({ path, meta }) => {
    const member = meta?.access === 'workspace' && meta.role === 'viewer' ? viewer : owner;
    expect(['FORBIDDEN', 'UNAUTHORIZED']).not.toContain(await call(member.api, path, { workspaceId: owner.workspaceId }));
  });

  it.each(workspaceProcedures.filter((p) => p.type === 'mutation' && !VIEWER_WRITES_ON_OWN_DATA.has(p.path)))(
    '$path refuses viewers (a write)',
    async ({ path, meta }) => {
      expect(meta?.access === 'workspace' && meta.role).not.toBe('viewer');
      expect(await call(viewer.api, path, { workspaceId: owner.workspaceId })).toBe('FORBIDDEN');
    },
  );

  it.each(procedures.filter((p) => p.meta?.access === 'session' || (p.meta?.access === 'workspace' && p.meta.sessionOnly)))(
    '$path refuses API tokens (session only)',
    async ({ path }) => {
      expect(await call(tokenCaller, path, { workspaceId: owner.workspaceId })).toBe('FORBIDDEN');
    },
  );

  it('an API token reaches only its own workspace', async () => {
    expect(await call(tokenCaller, 'workspaces.members', { workspaceId: owner.workspaceId })).toBe('OK');
    expect(await call(tokenCaller, 'workspaces.members', { workspaceId: outsider.workspaceId })).toBe('FORBIDDEN');
  });
});
