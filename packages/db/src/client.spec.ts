import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { createDatabase, unixSocketOf, type Database, type DatabaseConnection } from './client';
import { users } from './schema';
import { executeText } from './text-statement';
import { createTestDatabase, type TestDatabase } from './testing';

let database: TestDatabase;
let connection: DatabaseConnection;
beforeAll(async () => {
  database = await createTestDatabase();
  // One connection, so every statement below meets the same cache.
  connection = createDatabase(database.url, { max: 1 });
});
afterAll(async () => {
  await connection.close();
  await database.close();
});

/** The statements this connection holds prepared that mention the users table. */
async function preparedOnUsers(db: Database): Promise<string[]> {
  const rows = await db.execute<{ statement: string }>(sql`select statement from pg_prepared_statements where statement like ${'%"users"%'}`);
  return rows.map((row) => row.statement);
}

describe('the drizzle client', () => {
  it('prepares a statement once per connection and reuses it, in and out of transactions', async () => {
    const { db } = connection;
    const byEmail = (email: string) => db.select({ id: users.id }).from(users).where(eq(users.email, email));
    await byEmail('first@example.com');
    await byEmail('second@example.com');
    await db.transaction(async (tx) => {
      await tx.select({ id: users.id }).from(users).where(eq(users.email, 'third@example.com'));
      // A nested transaction is a savepoint with a client of its own.
      await tx.transaction((inner) => inner.select({ id: users.id }).from(users).where(eq(users.email, 'fourth@example.com')));
    });
    const prepared = await preparedOnUsers(db);
    expect(prepared.filter((statement) => statement.includes('"email" = $1'))).toHaveLength(1);
  });

  it('leaves statements whose shape grows with their size unnamed', async () => {
    const { db } = connection;
    const many = Array.from({ length: 40 }, (_, index) => `${index}@example.com`);
    const found = await db.select({ id: users.id }).from(users).where(inArray(users.email, many));
    expect(found).toEqual([]);
    expect((await preparedOnUsers(db)).filter((statement) => statement.includes('$40'))).toEqual([]);
  });
});

describe('executeText', () => {
  it('runs finished text with $n parameters on the pool, or inside the transaction it is given, and prepares it like any statement', async () => {
    const { db } = connection;
    const text = 'select id, display_name as "displayName" from users where email = $1';
    let insideSeen: unknown[] = [];
    await expect(
      db.transaction(async (tx) => {
        await tx.insert(users).values({ email: 'text@example.com', displayName: 'Text' });
        insideSeen = await executeText(tx, text, ['text@example.com']);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(insideSeen).toEqual([{ id: expect.any(String), displayName: 'Text' }]);
    expect(await executeText(db, text, ['text@example.com'])).toEqual([]);
    const prepared = await db.execute<{ count: number }>(sql`select count(*)::int as count from pg_prepared_statements where statement = ${text}`);
    expect(prepared[0]!.count).toBe(1);
  });

  it('binds an array as one parameter and passes JSON text through as it is', async () => {
    const rows = await executeText<{ ids: string[]; count: number }>(connection.db, 'select $1::uuid[] as ids, json_array_length($2::json) as count', [
      ['018f0000-0000-7000-8000-000000000001', '018f0000-0000-7000-8000-000000000002'],
      JSON.stringify([1, 2, 3]),
    ]);
    expect(rows).toEqual([{ ids: ['018f0000-0000-7000-8000-000000000001', '018f0000-0000-7000-8000-000000000002'], count: 3 }]);
  });
});

describe('a database URL naming a Unix socket', () => {
  it('takes the socket directory from ?host=/dir, as libpq and pg-boss do, and leaves every other URL as it is', () => {
    expect(unixSocketOf('postgres://u:p@localhost:5432/tweetflow?host=/var/run/postgresql')).toEqual({
      url: 'postgres://u:p@localhost:5432/tweetflow',
      socketDirectory: '/var/run/postgresql',
    });
    expect(unixSocketOf('postgres://u:p@localhost/tweetflow?host=%2Ftmp&sslmode=disable')).toEqual({ url: 'postgres://u:p@localhost/tweetflow?sslmode=disable', socketDirectory: '/tmp' });
    for (const url of ['postgres://u:p@db.internal:5432/tweetflow', 'postgres://u:p@localhost/tweetflow?host=db.internal', 'postgres://u:p@localhost/tweetflow?sslmode=require']) {
      expect(unixSocketOf(url)).toEqual({ url });
    }
  });

  it('connects over the socket (the server then has no address for the connection)', async () => {
    const [settings] = await connection.sql<{ directories: string }[]>`select current_setting('unix_socket_directories') as directories`;
    const directory = settings!.directories.split(',')[0]!.trim();
    const overSocket = createDatabase(`${database.url}?host=${encodeURIComponent(directory)}`, { max: 1 });
    try {
      const [row] = await overSocket.sql<{ address: string | null; name: string }[]>`select host(inet_server_addr()) as address, current_database() as name`;
      expect(row).toEqual({ address: null, name: database.name });
    } finally {
      await overSocket.close();
    }
    const [overTcp] = await connection.sql<{ address: string | null }[]>`select host(inet_server_addr()) as address`;
    expect(overTcp!.address).toBe('127.0.0.1');
  });
});
