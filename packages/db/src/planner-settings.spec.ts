import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
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
