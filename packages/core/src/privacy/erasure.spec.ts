import { access } from 'node:fs/promises';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erasureRequests, posts, users, workspaces, type Database } from '@tweetflow/db';
import { cancelErasure } from './cancel-erasure';
import { pendingErasuresFor } from './erasure-status';
import { runErasure } from './run-erasure';
import { scheduleAccountErasure, scheduleWorkspaceErasure } from './schedule-erasure';
import { startPrivacyWorld, type PrivacyWorld } from './test-world';

let world: PrivacyWorld;
beforeAll(async () => {
  world = await startPrivacyWorld();
});
afterAll(() => world.close());

const DAY = 86_400_000;

/**
 * Every place in the database (the app's tables and pg-boss's) that still holds `value`:
 * uuid columns equal to it, text, text-array and JSON columns containing it. The columns
 * come from the catalog, so a table added later is checked without touching this test.
 */
async function placesHolding(db: Database, values: string[]): Promise<string[]> {
  const columns = (await db.execute(sql`
    select c.table_schema as "schema", c.table_name as "table", c.column_name as "column", c.udt_name as "type"
    from information_schema.columns c
    join pg_class cl on cl.relname = c.table_name
    join pg_namespace ns on ns.oid = cl.relnamespace and ns.nspname = c.table_schema
    where c.table_schema in ('public', 'pgboss') and cl.relkind in ('r', 'p') and not cl.relispartition
      and c.udt_name in ('uuid', 'text', 'varchar', '_text', 'jsonb', 'json')`)) as unknown as Array<{ schema: string; table: string; column: string; type: string }>;
  expect(columns.length).toBeGreaterThan(100);
  const found: string[] = [];
  for (const { schema, table, column, type } of columns) {
    const target = sql`${sql.identifier(schema)}.${sql.identifier(table)}`;
    const name = sql.identifier(column);
    for (const value of values) {
      const isUuid = /^[0-9a-f-]{36}$/.test(value);
      if (type === 'uuid' && !isUuid) continue;
      const match =
        type === 'uuid' ? sql`${name} = ${value}::uuid` : sql`position(lower(${value}) in lower(${name}::text)) > 0`;
      const [row] = (await db.execute(sql`select count(*)::int as n from ${target} where ${match}`)) as unknown as Array<{ n: number }>;
      if (row!.n > 0) found.push(`${schema}.${table}.${column} holds ${value}`);
    }
  }
  return found;
}

describe('erasing an account', () => {
  it('asks for the email typed out and waits out the grace period, which can be undone', async () => {
    const ada = await world.seedPerson('Ada');
    const now = world.deps.clock.now();
    const deps = { db: world.deps.db, boss: world.boss, clock: { now: () => now }, graceDays: 7 };
    await expect(scheduleAccountErasure(deps, { userId: ada.userId, confirmation: 'ada' })).rejects.toThrow(
      `To confirm, type your email address exactly: ${ada.email}`,
    );
    const { eraseAfter } = await scheduleAccountErasure(deps, { userId: ada.userId, confirmation: ` ${ada.email.toUpperCase()} ` });
    expect(eraseAfter.getTime()).toBe(now.getTime() + 7 * DAY);
    expect((await pendingErasuresFor(world.deps.db, ada.userId)).account).toEqual({ eraseAfter });

    const [request] = await world.deps.db.select().from(erasureRequests).where(eq(erasureRequests.userId, ada.userId));
    expect(await runErasure(world.deps, { requestId: request!.id }, null)).toBe('nothing to do');

    await cancelErasure(world.deps.db, world.deps.clock, { subject: { userId: ada.userId }, userId: ada.userId });
    expect((await pendingErasuresFor(world.deps.db, ada.userId)).account).toBeNull();
    expect(await runErasure(world.deps, { requestId: request!.id }, null)).toBe('nothing to do');
    const [still] = await world.deps.db.select({ id: users.id }).from(users).where(eq(users.id, ada.userId));
    expect(still).toBeDefined();
  });

  it('is refused while the person is the last owner of a workspace others use', async () => {
    const bob = await world.seedPerson('Bob');
    const deps = { db: world.deps.db, boss: world.boss, clock: world.deps.clock, graceDays: 7 };
    const [owner] = await world.deps.db.select({ email: users.email }).from(users).where(eq(users.id, bob.sharedOwnerId));
    await expect(scheduleAccountErasure(deps, { userId: bob.sharedOwnerId, confirmation: owner!.email! })).rejects.toThrow(
      /You are the only owner of Team \d+, which other people use/,
    );
  });

  it('leaves no row anywhere that references the person, revokes their X tokens and deletes their files', async () => {
    const cleo = await world.seedPerson('Cleo');
    const dan = await world.seedPerson('Dan');
    const { db } = world.deps;
    const revokedBefore = world.testbed.sandbox.admin.stats().revokedTokens;
    const deps = { db, boss: world.boss, clock: world.deps.clock, graceDays: 0 };
    await scheduleAccountErasure(deps, { userId: cleo.userId, confirmation: cleo.email });
    const [request] = await db.select().from(erasureRequests).where(eq(erasureRequests.userId, cleo.userId));
    // Before: the check itself finds the person all over the database.
    expect((await placesHolding(db, [cleo.userId])).length).toBeGreaterThan(10);

    expect(await runErasure(world.deps, { requestId: request!.id }, null)).toBe('erased');

    expect(await placesHolding(db, [cleo.userId, cleo.email, cleo.workspaceId])).toEqual([]);
    expect(world.testbed.sandbox.admin.stats().revokedTokens - revokedBefore).toBe(2);
    await expect(access(path.join(world.deps.media.root, cleo.mediaKey))).rejects.toThrow();
    // What Cleo wrote in the shared workspace stays, without her name; its owner keeps it.
    const shared = await db.select({ createdBy: posts.createdByUserId }).from(posts).where(eq(posts.workspaceId, cleo.sharedWorkspaceId));
    expect(shared).toEqual([{ createdBy: null }]);
    // Dan is untouched.
    expect((await placesHolding(db, [dan.userId])).length).toBeGreaterThan(10);
    const [danRow] = await db.select({ id: users.id }).from(users).where(eq(users.id, dan.userId));
    expect(danRow).toBeDefined();
  });
});

describe('erasing a workspace', () => {
  it('asks for the name typed out, can be undone in the grace period, and then leaves nothing behind', async () => {
    const eve = await world.seedPerson('Eve');
    const { db, clock } = world.deps;
    const [team] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, eve.sharedWorkspaceId));
    const deps = { db, boss: world.boss, clock, graceDays: 7 };
    const input = { workspaceId: eve.sharedWorkspaceId, userId: eve.sharedOwnerId };
    await expect(scheduleWorkspaceErasure(deps, { ...input, confirmation: 'team' })).rejects.toThrow(`type the workspace's name exactly: ${team!.name}`);
    await expect(scheduleWorkspaceErasure(deps, { workspaceId: eve.workspaceId, userId: eve.userId, confirmation: 'x' })).rejects.toThrow(
      'A personal workspace is deleted together with its account',
    );

    await scheduleWorkspaceErasure(deps, { ...input, confirmation: team!.name });
    expect((await pendingErasuresFor(db, eve.userId)).workspaces).toEqual([expect.objectContaining({ workspaceId: eve.sharedWorkspaceId, name: team!.name })]);
    await cancelErasure(db, clock, { subject: { workspaceId: eve.sharedWorkspaceId }, userId: eve.sharedOwnerId });
    expect((await pendingErasuresFor(db, eve.userId)).workspaces).toEqual([]);

    await scheduleWorkspaceErasure({ ...deps, graceDays: 0 }, { ...input, confirmation: team!.name });
    const [request] = await db.select().from(erasureRequests).where(eq(erasureRequests.workspaceId, eve.sharedWorkspaceId));
    expect(await runErasure(world.deps, { requestId: request!.id }, null)).toBe('erased');

    expect(await placesHolding(db, [eve.sharedWorkspaceId])).toEqual([]);
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.id, eve.sharedOwnerId));
    expect(owner).toBeDefined();
  });
});
