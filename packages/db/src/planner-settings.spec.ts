import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseConnection } from './client';
import { createTestDatabase, type TestDatabase } from './testing';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

// The shape of a run claim (`claimRuns`): a batch of (id, job) pairs as JSON, matched by primary key.
const CLAIM = `explain (costs off) update claimed set taken = true
  where (id, job_id) in (select (pair->>'id')::uuid, (pair->>'jobId')::uuid from json_array_elements($1::text::json) as pair limit $2::int)`;

it('plans a batch\'s lookups by primary key as index scans even while the table is small, so a cached plan stays right as it grows', async () => {
  const { sql } = database;
  await sql.unsafe('create table claimed (id uuid primary key, job_id uuid, taken boolean not null default false)');
  const rows = Array.from({ length: 2_000 }, () => ({ id: randomUUID(), jobId: randomUUID() }));
  await sql.unsafe(`insert into claimed (id, job_id) select id, "jobId" from json_to_recordset($1::text::json) as row(id uuid, "jobId" uuid)`, [JSON.stringify(rows)]);
  await sql.unsafe('analyze claimed');

  // The plan a prepared statement keeps once PostgreSQL settles on a generic one.
  const plan = await sql.begin(async (tx) => {
    await tx.unsafe('set local plan_cache_mode = force_generic_plan');
    const lines = await tx.unsafe(CLAIM, [JSON.stringify(rows.slice(0, 25)), 25], { prepare: true });
    return lines.map((line) => line['QUERY PLAN'] as string).join('\n');
  });

  expect(plan).toContain('Index Scan using claimed_pkey');
  expect(plan).not.toContain('Seq Scan on claimed');
});

describe('a connection that plans each execution (the worker’s)', () => {
  // A claim prepared while its table held a few rows, executed until PostgreSQL settles on
  // a plan for it, then explained after the table grew a thousandfold with no analyze between.
  const planAfterGrowth = async (connection: DatabaseConnection, table: string) => {
    const reserved = await connection.sql.reserve();
    try {
      await reserved.unsafe(`create table ${table} (id uuid primary key, job_id uuid, taken boolean not null default false) with (autovacuum_enabled = false)`);
      const rows = (count: number) => JSON.stringify(Array.from({ length: count }, () => ({ id: randomUUID(), jobId: randomUUID() })));
      await reserved.unsafe(`insert into ${table} (id, job_id) select id, "jobId" from json_to_recordset($1::text::json) as row(id uuid, "jobId" uuid)`, [rows(20)]);
      await reserved.unsafe(`analyze ${table}`);
      await reserved.unsafe(`prepare claim_${table}(text, int) as update ${table} set taken = true
        where (id, job_id) in (select (pair->>'id')::uuid, (pair->>'jobId')::uuid from json_array_elements($1::json) as pair limit $2)`);
      for (let execution = 0; execution < 8; execution++) await reserved.unsafe(`execute claim_${table}('${rows(25)}', 25)`);
      await reserved.unsafe(`insert into ${table} (id, job_id) select gen_random_uuid(), gen_random_uuid() from generate_series(1, 20000)`);
      const lines = await reserved.unsafe(`explain (costs off) execute claim_${table}('${rows(25)}', 25)`);
      return lines.map((line) => line['QUERY PLAN'] as string).join('\n');
    } finally {
      reserved.release();
    }
  };

  it('finds a grown table by its index, where a connection that keeps a generic plan still scans it whole', async () => {
    const planning = createDatabase(database.url, { max: 1, planEachExecution: true });
    const keeping = createDatabase(database.url, { max: 1 });
    try {
      expect(await planAfterGrowth(keeping, 'kept')).toContain('Seq Scan on kept');

      const plan = await planAfterGrowth(planning, 'planned');

      expect(plan).toContain('Index Scan using planned_pkey');
      expect(plan).not.toContain('Seq Scan on planned');
    } finally {
      await planning.close();
      await keeping.close();
    }
  });
});
