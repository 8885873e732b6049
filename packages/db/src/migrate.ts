import path from 'node:path';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import { createDatabase } from './client';

/** The committed SQL migrations, shipped beside the package source. */
export const migrationsFolder = path.resolve(import.meta.dirname, '../drizzle');

/**
 * Applies every committed migration that the database has not seen yet. Safe to call
 * from several processes at once: drizzle runs them in one transaction and the
 * advisory lock below keeps two starters from racing on a fresh database.
 */
export async function migrateDatabase(url: string): Promise<void> {
  const { db, sql, close } = createDatabase(url, { max: 1 });
  try {
    await sql`select pg_advisory_lock(7349021)`;
    await migrate(db, { migrationsFolder });
    await sql`select pg_advisory_unlock(7349021)`;
  } finally {
    await close();
  }
}
