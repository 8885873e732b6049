import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createLogger,
  createSession,
  createXAccountDeps,
  hashSecretToken,
  MediaStore,
  signUp,
  startJobQueue,
  systemClock,
  WorkspaceEventHub,
  type Clock,
} from '@tweetflow/core';
import { parseConfig } from '@tweetflow/config';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import type { PgBoss } from 'pg-boss';
import { createApiContext, type ApiContext, type Caller } from '../context';
import { appRouter } from '../root';
import { createCallerFactory } from '../trpc';

export type Person = { userId: string; workspaceId: string; caller: Caller; api: ReturnType<ApiHarness['callerFor']> };
export type ApiHarness = Awaited<ReturnType<typeof createApiHarness>>;

const createCaller = createCallerFactory(appRouter);
let people = 0;

/**
 * A test database, a job queue and helpers to call the app router as anyone: anonymous,
 * a freshly signed-up person, or an API token.
 */
export async function createApiHarness(options: { clock?: Clock; xApiBaseUrl?: string; env?: Record<string, string> } = {}) {
  const database: TestDatabase = await createTestDatabase();
  const logger = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }, 'api-test');
  const boss: PgBoss = await startJobQueue(database.url, { role: 'web', logger });
  const clock = options.clock ?? systemClock;
  const config = parseConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    X_API_BASE_URL: options.xApiBaseUrl ?? 'http://127.0.0.1:9',
    TOKEN_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 1).toString('base64')}`,
    ...options.env,
  });
  const xAccounts = createXAccountDeps(config, clock, logger);
  const mediaRoot = await mkdtemp(path.join(tmpdir(), 'tweetflow-api-media-'));
  const media = new MediaStore(mediaRoot);
  const events = new WorkspaceEventHub(database.sql, logger);
  const publishing = { boss, clock, logger, xAccounts, media, xRequestTimeoutMs: 2_000 };
  const deps: Omit<ApiContext, 'caller'> = {
    db: database.db,
    boss,
    clock,
    logger,
    config,
    xAccounts,
    media,
    events,
    publishing,
    workflows: {
      ...publishing,
      httpAllowedHosts: ['127.0.0.1', 'localhost'],
      publicUrl: 'http://localhost:3000',
      email: { boss, clock, smtpUrl: undefined, from: 'TweetFlow <tweetflow@localhost>' },
    },
    checkReadiness: async () => ({ ok: true, database: 'ok', queue: 'ok' }),
  };

  const callerFor = (caller: Caller | null) => createCaller(createApiContext(deps, caller));

  async function signUpPerson(name = `Person ${++people}`): Promise<Person> {
    const email = `${name.toLowerCase().replace(/\W+/g, '.')}.${people}@example.com`;
    const user = await signUp(database.db, { email, password: 'correct horse battery', displayName: name, timezone: 'UTC' });
    const session = await createSession(database.db, deps.clock, user.id);
    const caller: Caller = { kind: 'session', userId: user.id, sessionId: hashSecretToken(session.token) };
    return { userId: user.id, workspaceId: user.workspaceId, caller, api: callerFor(caller) };
  }

  return {
    database,
    deps,
    callerFor,
    signUpPerson,
    async close() {
      await boss.stop({ graceful: false });
      await events.close();
      await database.close();
      await rm(mediaRoot, { recursive: true, force: true });
    },
  };
}
