import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './testing';
import { executeText } from './text-statement';
import { transactInOneTrip, transactInTwoTrips, type TextStatement } from './two-trip-transaction';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await database.sql.unsafe('create table counters (id int primary key, hits int not null)');
  await database.sql.unsafe('create table hits (counter_id int not null, seen int not null, unique (counter_id, seen))');
});
afterAll(async () => {
  await database.close();
});
beforeEach(async () => {
  await database.sql.unsafe('truncate counters, hits');
  await database.sql.unsafe('insert into counters values (1, 0)');
});

const LOCK_COUNTER: TextStatement = { text: 'select id from counters where id = $1 for update', values: [1] };
const COUNT_HITS: TextStatement = { text: 'select count(*)::int as seen from hits where counter_id = $1', values: [1] };

/** One hit: locks the counter, counts the hits so far, and records one more numbered after them. */
function hit(answer?: () => Promise<void>) {
  return transactInTwoTrips(database.db, [LOCK_COUNTER, COUNT_HITS], async ([, counted]) => {
    const seen = (counted as Array<{ seen: number }>)[0]!.seen;
    await answer?.();
    return {
      statements: [
        { text: 'insert into hits values ($1, $2)', values: [1, seen + 1] },
        { text: 'update counters set hits = hits + 1 where id = $1', values: [1] },
      ],
      result: seen + 1,
    };
  });
}

async function state() {
  const [counter] = await executeText<{ hits: number }>(database.db, 'select hits from counters where id = $1', [1]);
  const hits = await executeText<{ seen: number }>(database.db, 'select seen from hits order by seen', []);
  return { counter: counter!.hits, hits: hits.map((row) => row.seen) };
}

describe('transactInTwoTrips', () => {
  it('commits the writes decided from what the first trip read', async () => {
    expect(await hit()).toBe(1);
    expect(await hit()).toBe(2);
    expect(await state()).toEqual({ counter: 2, hits: [1, 2] });
  });

  it('holds the first trip\'s locks until its commit, and a read sent after a lock sees what committed while it waited', async () => {
    let letFirstClose: (() => void) | undefined;
    const first = hit(() => new Promise((resolve) => (letFirstClose = resolve)));
    await expect.poll(() => letFirstClose).toBeDefined();
    const second = hit();
    // The second waits for the counter's lock while the first decides.
    await expect
      .poll(async () => (await executeText<{ waiting: number }>(database.db, "select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock'", []))[0]!.waiting)
      .toBe(1);
    letFirstClose!();

    // Counted before the lock was granted, the second would number its hit 1 as well and fail on the unique key.
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(await state()).toEqual({ counter: 2, hits: [1, 2] });
  });

  it('rolls back every write when one of the second trip\'s fails, and throws that statement\'s own error', async () => {
    await hit();
    const failing = transactInTwoTrips(database.db, [LOCK_COUNTER], async () => ({
      statements: [
        { text: 'update counters set hits = hits + 10 where id = $1', values: [1] },
        { text: 'insert into hits values ($1, $2)', values: [1, 1] },
        { text: 'update counters set hits = hits + 100 where id = $1', values: [1] },
      ],
      result: 'never',
    }));

    await expect(failing).rejects.toMatchObject({ code: '23505' });
    expect(await state()).toEqual({ counter: 1, hits: [1] });
    // Nothing stays locked.
    await expect(executeText(database.db, 'select id from counters where id = $1 for update nowait', [1])).resolves.toHaveLength(1);
  });

  it('rolls back and gives its connection back when deciding fails, however often', async () => {
    // More failures than the pool has connections: a connection kept would leave the last ones waiting for ever.
    for (let attempt = 0; attempt < 12; attempt++) {
      await expect(
        transactInTwoTrips(database.db, [LOCK_COUNTER, { text: 'update counters set hits = hits + 1 where id = $1', values: [1] }], () => Promise.reject(new Error('decided not to'))),
      ).rejects.toThrow('decided not to');
    }

    expect(await state()).toEqual({ counter: 0, hits: [] });
    await expect(executeText(database.db, 'select id from counters where id = $1 for update nowait', [1])).resolves.toHaveLength(1);
    expect(await hit()).toBe(1);
  });

  it('rolls back when a first-trip statement fails and throws its error', async () => {
    await expect(transactInTwoTrips(database.db, [{ text: 'select no_such_column from counters', values: [] }], () => Promise.reject(new Error('not reached')))).rejects.toMatchObject({ code: '42703' });
    expect(await hit()).toBe(1);
  });

  it('refuses a transaction handle: its BEGIN would not be a transaction of its own', async () => {
    await expect(database.db.transaction((tx) => transactInTwoTrips(tx as unknown as typeof database.db, [LOCK_COUNTER], () => Promise.reject(new Error('not reached'))))).rejects.toThrow(
      'transactInTwoTrips needs the pool, not a transaction.',
    );
  });
});

/** One hit decided in SQL: locks the counter, then numbers the hit after those counted by its own snapshot, refusing past `most`. */
function hitInOneTrip(most = 100) {
  return transactInOneTrip(database.db, [
    LOCK_COUNTER,
    {
      text: `insert into hits select $1, count(*) + 1 from hits where counter_id = $1 having count(*) < $2 or tweetflow_refuse('the counter is full')
        returning seen`,
      values: [1, most],
    },
    { text: 'update counters set hits = hits + 1 where id = $1', values: [1] },
  ]);
}

describe('transactInOneTrip', () => {
  it('commits every statement and answers each one\'s rows in order', async () => {
    const [locked, inserted, updated] = await hitInOneTrip();
    expect(locked).toEqual([{ id: 1 }]);
    expect(inserted).toEqual([{ seen: 1 }]);
    expect(updated).toHaveLength(0);
    await hitInOneTrip();
    expect(await state()).toEqual({ counter: 2, hits: [1, 2] });
  });

  it('runs a statement after the lock before it with a snapshot taken once the lock was granted', async () => {
    let letFirstClose: (() => void) | undefined;
    const first = hit(() => new Promise((resolve) => (letFirstClose = resolve)));
    await expect.poll(() => letFirstClose).toBeDefined();
    const second = hitInOneTrip();
    await expect
      .poll(async () => (await executeText<{ waiting: number }>(database.db, "select count(*)::int as waiting from pg_stat_activity where wait_event_type = 'Lock'", []))[0]!.waiting)
      .toBe(1);
    letFirstClose!();

    // With the snapshot of the moment it was sent, the insert would number its hit 1 too and fail on the unique key.
    const [numbered, [, inserted]] = await Promise.all([first, second]);
    expect([numbered, inserted]).toEqual([1, [{ seen: 2 }]]);
    expect(await state()).toEqual({ counter: 2, hits: [1, 2] });
  });

  it('rolls everything back when a statement refuses, throws the refusal, and gives its connection back every time', async () => {
    await hitInOneTrip();
    // More refusals than the pool has connections: a connection kept would leave the last ones waiting for ever.
    for (let attempt = 0; attempt < 12; attempt++) {
      await expect(hitInOneTrip(1)).rejects.toMatchObject({ code: 'TF409', message: 'the counter is full' });
    }

    expect(await state()).toEqual({ counter: 1, hits: [1] });
    await expect(executeText(database.db, 'select id from counters where id = $1 for update nowait', [1])).resolves.toHaveLength(1);
  });
});
