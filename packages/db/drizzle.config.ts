import { defineConfig } from 'drizzle-kit';

// `pnpm db:generate` diffs the schema against the committed migrations and writes the
// next SQL file into ./drizzle. No database connection is needed for that.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
