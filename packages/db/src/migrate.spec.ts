import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { inject } from 'vitest';
import { migrateDatabase } from './migrate';
import { users, workspaces, workspaceMembers } from './schema';
import { createTestDatabase, type TestDatabase } from './testing';

describe('migrations', () => {
  const admin = () => postgres(inject('tweetflowPostgresAdminUrl'), { max: 1, onnotice: () => {} });

  it('apply to an empty database and are idempotent', async () => {
    const sql = admin();
    const name = `t_empty_${Date.now()}`;
    await sql.unsafe(`create database "${name}"`);
    await sql.end();
    const url = inject('tweetflowPostgresAdminUrl').replace(/\/postgres$/, `/${name}`);

    await migrateDatabase(url);
    await migrateDatabase(url);

    const target = postgres(url, { max: 1 });
    const tables = await target`
      select table_name from information_schema.tables where table_schema = 'public' order by table_name`;
    await target.end();
    expect(tables.map((row) => row.table_name)).toEqual(
      expect.arrayContaining(['sessions', 'users', 'workspace_members', 'workspaces', 'x_accounts']),
    );
  });
});

describe('per-file test databases', () => {
  let first: TestDatabase;
  let second: TestDatabase;
  beforeAll(async () => {
    first = await createTestDatabase('isolation-a');
    second = await createTestDatabase('isolation-b');
  });
  afterAll(async () => {
    await first.close();
    await second.close();
  });

  it('are separate databases: rows written in one are invisible in the other', async () => {
    expect(first.name).not.toBe(second.name);
    await first.db.insert(users).values({ email: 'ada@example.com', displayName: 'Ada' });
    expect(await first.db.select().from(users)).toHaveLength(1);
    expect(await second.db.select().from(users)).toHaveLength(0);
  });

  it('come fully migrated with working defaults and constraints', async () => {
    const [workspace] = await second.db.insert(workspaces).values({ name: 'Acme' }).returning();
    const [user] = await second.db.insert(users).values({ email: 'bob@example.com', displayName: 'Bob' }).returning();
    expect(workspace!.id).toMatch(/^[0-9a-f-]{36}$/);
    await second.db.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: user!.id, role: 'owner' });
    await expect(
      second.db.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: user!.id, role: 'viewer' }),
    ).rejects.toThrow();
  });
});

describe('embedded PostgreSQL data directory', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tweetflow-reuse-'));
    chmodSync(dir, 0o755);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is reused on the next start: data written before a restart is still there', async () => {
    const { resolveDatabase } = await import('./resolve');
    const config = { DATABASE_URL: undefined, dataDir: dir, EMBEDDED_POSTGRES_PORT: 54000 + Math.floor(Math.random() * 900) };

    const firstRun = await resolveDatabase(config);
    await migrateDatabase(firstRun.url);
    let sql = postgres(firstRun.url, { max: 1 });
    await sql`insert into workspaces (name) values ('survives restarts')`;
    await sql.end();
    await firstRun.release();

    const secondRun = await resolveDatabase(config);
    sql = postgres(secondRun.url, { max: 1 });
    const rows = await sql`select name from workspaces`;
    await sql.end();
    await secondRun.release();
    expect(rows.map((row) => row.name)).toEqual(['survives restarts']);
  });
});
