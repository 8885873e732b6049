import path from 'node:path';
import type { Config } from '@tweetflow/config';
import { ensureDatabaseExists, startEmbeddedPostgres } from './embedded';

export type ResolvedDatabase = {
  url: string;
  /** 'embedded' when this process (or another local one) runs the bundled PostgreSQL. */
  source: 'configured' | 'embedded';
  /** Stops the embedded cluster if this process started it; otherwise does nothing. */
  release(): Promise<void>;
};

/**
 * The database TweetFlow should use: `DATABASE_URL` when set, else the embedded
 * PostgreSQL with its data in `<dataDir>/postgres`, started on first use.
 */
export async function resolveDatabase(
  config: Pick<Config, 'DATABASE_URL' | 'dataDir' | 'EMBEDDED_POSTGRES_PORT'>,
  onLog?: (line: string) => void,
): Promise<ResolvedDatabase> {
  if (config.DATABASE_URL) {
    return { url: config.DATABASE_URL, source: 'configured', release: async () => {} };
  }
  const cluster = await startEmbeddedPostgres({
    dataDir: path.join(config.dataDir, 'postgres'),
    port: config.EMBEDDED_POSTGRES_PORT,
    onLog,
  });
  await ensureDatabaseExists(cluster, 'tweetflow');
  return { url: cluster.urlFor('tweetflow'), source: 'embedded', release: () => cluster.stop() };
}
