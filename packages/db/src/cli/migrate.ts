import { loadConfig } from '@tweetflow/config';
import { migrateDatabase } from '../migrate';
import { resolveDatabase } from '../resolve';

// `pnpm db:migrate`: apply committed migrations to DATABASE_URL or the embedded database.
const database = await resolveDatabase(loadConfig());
try {
  await migrateDatabase(database.url);
  console.log(`Migrations applied (${database.source} database).`);
} finally {
  await database.release();
}
