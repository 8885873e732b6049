import { cpSync, mkdtempSync, chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import postgres from 'postgres';
import { inject } from 'vitest';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDatabase } from './client';
import { migrateDatabase, migrationsFolder } from './migrate';
import { users, workspaces, workspaceMembers } from './schema';
import { createTestDatabase, type TestDatabase } from './testing';

describe('migrations', () => {
  const admin = () => postgres(inject('tweetflowPostgresAdminUrl'), { max: 1, onnotice: () => {} });

  it('apply to an empty database and are idempotent', async () => {
    const url = await newDatabase('t_empty');

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

  it('give the posts of an existing installation their thread summary (0006)', async () => {
    const url = await newDatabase('t_summary');
    await migrateUpTo(url, '0006_thread_summary');
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [workspace] = await sql`insert into workspaces (name) values ('Before') returning id`;
    const [thread, empty] = await sql`insert into posts (workspace_id) values (${workspace!.id}), (${workspace!.id}) returning id`;
    // Out of order on purpose: the first text is the lowest position's, not the first row's.
    await sql`insert into post_items (post_id, position, text) values (${thread!.id}, 1, 'Second'), (${thread!.id}, 0, 'First'), (${thread!.id}, 2, 'Third')`;

    await migrateDatabase(url);

    const rows = await sql`select id, first_text, item_count from posts order by id`;
    await sql.end();
    expect(rows.map((row) => [row.id, row.first_text, row.item_count])).toEqual(
      [[thread!.id, 'First', 3], [empty!.id, '', 0]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
  });

  it("keep an existing installation's runs, which still go with their workspace, once runs check only their workflow's key (0008)", async () => {
    const url = await newDatabase('t_run_keys');
    await migrateUpTo(url, '0008_runs_parent_keys');
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    const [workspace] = await sql`insert into workspaces (name) values ('Before') returning id`;
    const [workflow] = await sql`
      insert into workflows (workspace_id, name, webhook_token_hash, webhook_token_ciphertext) values (${workspace!.id}, 'Launch', 'hash', 'sealed') returning id`;
    const [version] = await sql`insert into workflow_versions (workflow_id, version, definition) values (${workflow!.id}, 1, '{}') returning id`;
    const [run] = await sql`
      insert into workflow_runs (workflow_id, workspace_id, version_id, trigger_type) values (${workflow!.id}, ${workspace!.id}, ${version!.id}, 'manual') returning id`;

    await migrateDatabase(url);

    const keys = await sql`select conname from pg_constraint where conrelid = 'workflow_runs'::regclass and contype = 'f' order by conname`;
    const kept = await sql`select id from workflow_runs`;
    await sql`delete from workspaces where id = ${workspace!.id}`;
    const left = await sql`select (select count(*) from workflow_runs)::int as runs, (select count(*) from workflow_versions)::int as versions`;
    await sql.end();
    expect(keys.map((row) => row.conname)).toEqual(['workflow_runs_started_by_user_id_users_id_fk', 'workflow_runs_workflow_id_workflows_id_fk']);
    expect(kept.map((row) => row.id)).toEqual([run!.id]);
    expect(left[0]).toEqual({ runs: 0, versions: 0 });
  });

  async function newDatabase(prefix: string): Promise<string> {
    const sql = admin();
    const name = `${prefix}_${Date.now()}`;
    await sql.unsafe(`create database "${name}"`);
    await sql.end();
    return inject('tweetflowPostgresAdminUrl').replace(/\/postgres$/, `/${name}`);
  }

  /** Applies the committed migrations before `tag`, as an installation of that release has them. */
  async function migrateUpTo(url: string, tag: string): Promise<void> {
    const folder = mkdtempSync(path.join(tmpdir(), 'tweetflow-migrations-'));
    try {
      cpSync(migrationsFolder, folder, { recursive: true });
      const journalPath = path.join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const upTo = journal.entries.findIndex((entry) => entry.tag === tag);
      expect(upTo).toBeGreaterThan(0);
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
      const { db, close } = createDatabase(url, { max: 1 });
      await migrate(db, { migrationsFolder: folder });
      await close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }
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
