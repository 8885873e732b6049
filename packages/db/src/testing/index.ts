import { randomBytes } from 'node:crypto';
import path from 'node:path';
import postgres from 'postgres';
import { expect, inject } from 'vitest';
import { createDatabase, type DatabaseConnection } from '../client';
import { TEMPLATE_DATABASE } from './template';

export type TestDatabase = DatabaseConnection & { url: string; name: string };

/**
 * A fresh, fully migrated database of its own for the calling test file, cloned from the
 * run's template. Requires `@tweetflow/db/testing/global-setup` in the vitest config.
 *
 * @example
 * let database: TestDatabase;
 * beforeAll(async () => { database = await createTestDatabase(); });
 * afterAll(() => database.close());
 */
export async function createTestDatabase(label?: string): Promise<TestDatabase> {
  const adminUrl = inject('tweetflowPostgresAdminUrl');
  if (!adminUrl) {
    throw new Error('No test PostgreSQL: add "@tweetflow/db/testing/global-setup" to globalSetup in vitest.config.ts.');
  }
  const name = databaseName(label ?? expect.getState().testPath ?? 'test');
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}"`);
    await admin.unsafe(`create database "${name}" template "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = withDatabase(adminUrl, name);
  return { ...createDatabase(url, { max: 5 }), url, name };
}

/** Postgres names are at most 63 bytes; the random suffix keeps reruns and workers apart. */
function databaseName(label: string): string {
  const base = path.basename(label).replace(/\.(spec|test)\.ts$/, '');
  const slug = base.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 40);
  return `t_${slug}_${randomBytes(4).toString('hex')}`;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
