import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { createDatabase, type Database, type DatabaseConnection } from './client';
import { users } from './schema';
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
