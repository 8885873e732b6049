import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testing';

// A query's rows should die young: read, used, dropped. Unpatched, postgres.js settled each
// query through two arrow functions its constructor assigned to the query, and V8 keeps such a
// function (with the query and its rows) through young-generation collections until the next
// full one, so every young collection copied all the results read since the previous one into
// the old generation: 20-35 ms pauses in the web server and the worker.
// patches/postgres@3.4.9.patch settles queries through prototype methods; this test fails without it.

let database: TestDatabase;
let collectYoungGeneration: () => void;

beforeAll(async () => {
  database = await createTestDatabase();
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (options: { type: 'minor' | 'major' }) => void;
  collectYoungGeneration = () => gc({ type: 'minor' });
});
afterAll(async () => {
  await database.close();
});

/** Bytes in V8's old generation now. */
function oldGenerationBytes(): number {
  return v8.getHeapSpaceStatistics().find((space) => space.space_name === 'old_space')!.space_used_size;
}

it('keeps no rows of finished queries through a young-generation collection', async () => {
  const readPage = () =>
    database.sql.unsafe(`select 'post ' || md5(g::text) as text, g as position from generate_series(1, 500) g where g > $1`, [0], { prepare: true });
  for (let round = 0; round < 20; round++) await readPage(); // compiled and prepared before measuring
  collectYoungGeneration();
  collectYoungGeneration();

  const before = oldGenerationBytes();
  let rows = 0;
  for (let round = 0; round < 40; round++) rows += (await readPage()).length;
  await new Promise((resolve) => setImmediate(resolve));
  collectYoungGeneration();
  collectYoungGeneration();
  const promoted = oldGenerationBytes() - before;

  expect(rows).toBe(40 * 500);
  // 40 pages of 500 rows are ≈ 3 MB of objects; kept, nearly all of it lands in the old
  // generation. A little growth is the code and feedback of the loop itself.
  expect(promoted).toBeLessThan(512 * 1024);
});
