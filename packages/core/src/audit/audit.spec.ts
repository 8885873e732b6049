import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, workspaces } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { auditEntriesToCsv } from './audit-csv';
import { listAccountAuditEntries, listAuditEntries } from './list-audit-entries';
import { recordAudit } from './record-audit';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

describe('audit log', () => {
  it('lists a workspace’s entries newest first, filtered by group, person and time, page by page, and as CSV', async () => {
    const { db } = database;
    const [ada, bob] = await db.insert(users).values([{ displayName: 'Ada' }, { displayName: '=Bob, "the admin"' }]).returning({ id: users.id });
    const [workspace] = await db.insert(workspaces).values({ name: 'Acme' }).returning({ id: workspaces.id });
    const client = { ipAddress: '203.0.113.9', userAgent: 'Mozilla/5.0' };
    const base = Date.parse('2026-05-01T09:00:00Z');
    const entry = (minute: number, action: Parameters<typeof recordAudit>[1]['action'], actor: string) =>
      recordAudit(db, { action, at: new Date(base + minute * 60_000), actor: { userId: actor, kind: 'session' }, workspaceId: workspace!.id, client });
    await entry(0, 'x_account.connected', ada!.id);
    await entry(1, 'member.invited', ada!.id);
    await entry(2, 'member.role_changed', bob!.id);
    await entry(3, 'api_token.created', bob!.id);
    await recordAudit(db, { action: 'auth.signed_in', at: new Date(base), actor: { userId: ada!.id, kind: 'session' }, client });

    const all = await listAuditEntries(db, { workspaceId: workspace!.id, limit: 10 });
    expect(all.map((e) => e.action)).toEqual(['api_token.created', 'member.role_changed', 'member.invited', 'x_account.connected']);
    expect(all[0]).toMatchObject({ label: 'Created an API token', actor: { name: '=Bob, "the admin"', kind: 'session' }, ipAddress: '203.0.113.9' });

    const members = await listAuditEntries(db, { workspaceId: workspace!.id, filter: { action: 'member' }, limit: 10 });
    expect(members.map((e) => e.action)).toEqual(['member.role_changed', 'member.invited']);
    const byAda = await listAuditEntries(db, { workspaceId: workspace!.id, filter: { actorUserId: ada!.id }, limit: 10 });
    expect(byAda.map((e) => e.action)).toEqual(['member.invited', 'x_account.connected']);
    const window = await listAuditEntries(db, {
      workspaceId: workspace!.id,
      filter: { from: new Date(base + 60_000), to: new Date(base + 3 * 60_000) },
      limit: 10,
    });
    expect(window.map((e) => e.action)).toEqual(['member.role_changed', 'member.invited']);
    const secondPage = await listAuditEntries(db, { workspaceId: workspace!.id, limit: 2, before: { at: all[1]!.at, id: all[1]!.id } });
    expect(secondPage.map((e) => e.action)).toEqual(['member.invited', 'x_account.connected']);

    expect((await listAccountAuditEntries(db, { userId: ada!.id, limit: 10 })).map((e) => e.action)).toEqual(['auth.signed_in']);

    const csv = auditEntriesToCsv(all).split('\r\n');
    expect(csv[0]).toBe('time,action,description,actor,actor_id,via,subject,target_type,target_id,details,ip_address,user_agent');
    expect(csv[1]).toBe(`2026-05-01T09:03:00.000Z,api_token.created,Created an API token,"'=Bob, ""the admin""",${bob!.id},session,,,,,203.0.113.9,Mozilla/5.0`);
  });
});
