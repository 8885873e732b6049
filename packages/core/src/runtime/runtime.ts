import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import type { Config } from '@tweetflow/config';
import { createDatabase, type Database } from '@tweetflow/db';
import type postgres from 'postgres';
import { createXOAuth } from '@tweetflow/x';
import { loadKeyring } from '../crypto/load-keyring';
import { emailDeps } from '../email/email-deps';
import { WorkspaceEventHub } from '../events/event-hub';
import { MediaStore } from '../media/media-store';
import type { PublishDeps } from '../posts/publish/publish-deps';
import type { WorkflowDeps } from '../workflows/workflow-deps';
import { JOB_QUEUE_SCHEMA, startJobQueue } from '../queue/job-queue';
import type { XAccountDeps } from '../x-accounts/x-account-deps';
import { systemClock, type Clock } from './clock';
import type { Logger } from './logger';

export type Readiness = { ok: boolean; database: 'ok' | 'unreachable'; queue: 'ok' | 'unreachable' };

/** What a TweetFlow process (web or worker) holds for its lifetime. */
export type Runtime = {
  config: Config;
  db: Database;
  sql: postgres.Sql;
  boss: PgBoss;
  clock: Clock;
  logger: Logger;
  /** Keyring, OAuth client and X base URL for the connected-account services. */
  xAccounts: XAccountDeps;
  /** Uploaded media files (in the data directory). */
  media: MediaStore;
  /** Everything publishing needs, assembled once. */
  publishing: PublishDeps;
  /** Workspace events from every process (LISTEN), for live streams; connects on first use. */
  events: WorkspaceEventHub;
  /** Everything the workflow engine needs. */
  workflows: WorkflowDeps;
  checkReadiness(): Promise<Readiness>;
  stop(): Promise<void>;
};

type RuntimeOptions = { role: 'web' | 'worker'; databaseUrl: string; logger: Logger; clock?: Clock };

/**
 * Connects to the database and the job queue. Migrations are applied before this by
 * whoever owns start-up (`pnpm dev`, `pnpm start`, or the container entrypoint).
 *
 * @example
 * const runtime = await startRuntime(config, { role: 'web', databaseUrl, logger });
 */
export async function startRuntime(config: Config, options: RuntimeOptions): Promise<Runtime> {
  // The worker's statements are batches whose tables grow under them (see createDatabase).
  const connection = createDatabase(options.databaseUrl, { max: 10, planEachExecution: options.role === 'worker' });
  const boss = await startJobQueue(options.databaseUrl, { role: options.role, logger: options.logger });

  const checkReadiness = async (): Promise<Readiness> => {
    const database = await probe(() => connection.sql`select 1`);
    const queue = await probe(() => connection.sql`select 1 from ${connection.sql(JOB_QUEUE_SCHEMA)}.version`);
    return { ok: database === 'ok' && queue === 'ok', database, queue };
  };

  const clock = options.clock ?? systemClock;
  const xAccounts = createXAccountDeps(config, clock, options.logger);
  const media = new MediaStore(path.join(config.dataDir, 'media'));
  const events = new WorkspaceEventHub(connection.sql, options.logger);
  const publishing: PublishDeps = { boss, clock, logger: options.logger, xAccounts, media, xRequestTimeoutMs: config.X_REQUEST_TIMEOUT_MS };
  return {
    config,
    db: connection.db,
    sql: connection.sql,
    boss,
    clock,
    logger: options.logger,
    xAccounts,
    media,
    publishing,
    events,
    workflows: { ...publishing, httpAllowedHosts: config.HTTP_ALLOWED_HOSTS, publicUrl: config.publicUrl, email: emailDeps(config, boss, clock) },
    checkReadiness,
    async stop() {
      await boss.stop({ graceful: true, timeout: config.SHUTDOWN_TIMEOUT_MS });
      await events.close();
      await connection.close();
    },
  };
}

async function probe(query: () => Promise<unknown>): Promise<'ok' | 'unreachable'> {
  try {
    await query();
    return 'ok';
  } catch {
    return 'unreachable';
  }
}

/**
 * The refresh and revoke calls never use a redirect URI, but arctic's client needs one;
 * the connect callback is the app's canonical one.
 */
export function createXAccountDeps(config: Config, clock: Clock, logger: Logger): XAccountDeps {
  return {
    clock,
    logger,
    keyring: loadKeyring(config),
    apiBaseUrl: config.X_API_BASE_URL,
    apiTier: config.X_API_TIER,
    oauth: createXOAuth({
      clientId: config.xClient.id,
      clientSecret: config.xClient.secret,
      redirectUri: `${config.publicUrl}/accounts/connect/callback`,
      apiBaseUrl: config.X_API_BASE_URL,
    }),
  };
}
