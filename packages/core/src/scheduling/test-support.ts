import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import { pino } from 'pino';
import { postItems, posts, users, workspaces, xAccounts } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { MediaStore } from '../media/media-store';
import type { PublishingDeps } from '../posts/publishing-deps';
import { startJobQueue } from '../queue/job-queue';
import { QUEUE_OPTIONS, type QueueName } from '../queue/queues';

/** A test's world for scheduling: its own database with a user and a workspace. */
export type SchedulingTestbed = {
  database: TestDatabase;
  workspaceId: string;
  userId: string;
  /** Job queue, logger, a media store, and a clock that stands still at `now` until moved with `setNow`. */
  deps: PublishingDeps & { media: MediaStore; httpAllowedHosts: string[] };
  setNow(now: Date): void;
  /** Connects an account straight into the table (no X round trip; tokens are placeholders). */
  addAccount(username: string, options?: { timezone?: string; workspaceId?: string }): Promise<string>;
  /** Writes a post row as the publishing engine would leave it, with one item per text. */
  addPost(
    accountId: string,
    options: { scheduledAt: Date | null; texts?: string[]; status?: 'draft' | 'scheduled' | 'publishing' | 'published'; timezone?: string },
  ): Promise<string>;
  close(): Promise<void>;
};

/**
 * Starts a scheduling testbed on a fresh database.
 *
 * @example
 * const testbed = await startSchedulingTestbed();
 * const accountId = await testbed.addAccount('ada', { timezone: 'Europe/Berlin' });
 */
export async function startSchedulingTestbed(options: { now?: Date } = {}): Promise<SchedulingTestbed> {
  const database = await createTestDatabase();
  const { db } = database;
  const logger = pino({ level: 'silent' });
  const boss = await startJobQueue(database.url, { role: 'web', logger });
  await createAllQueues(boss);
  let now = options.now ?? new Date('2026-03-01T00:00:00Z');
  const mediaRoot = await mkdtemp(path.join(tmpdir(), 'tweetflow-scheduling-media-'));
  const [user] = await db.insert(users).values({ displayName: 'Ada', timezone: 'Europe/Berlin' }).returning({ id: users.id });
  const [workspace] = await db.insert(workspaces).values({ name: 'Ada’s workspace' }).returning({ id: workspaces.id });
  if (!user || !workspace) throw new Error('could not create the test workspace');

  return {
    database,
    workspaceId: workspace.id,
    userId: user.id,
    deps: { boss, logger, clock: { now: () => now }, media: new MediaStore(mediaRoot), httpAllowedHosts: ['127.0.0.1'] },
    setNow(next) {
      now = next;
    },
    async addAccount(username, options = {}) {
      const [account] = await db
        .insert(xAccounts)
        .values({
          workspaceId: options.workspaceId ?? workspace.id,
          xUserId: String(Math.floor(Math.random() * 1e15)),
          username,
          displayName: username,
          accessTokenCiphertext: `test:${randomUUID()}`,
          accessTokenExpiresAt: new Date('2100-01-01T00:00:00Z'),
          timezone: options.timezone ?? 'UTC',
        })
        .returning({ id: xAccounts.id });
      if (!account) throw new Error('could not create the test account');
      return account.id;
    },
    async addPost(accountId, options) {
      const texts = options.texts ?? ['A post'];
      const [post] = await db
        .insert(posts)
        .values({
          workspaceId: workspace.id,
          xAccountId: accountId,
          status: options.status ?? (options.scheduledAt ? 'scheduled' : 'draft'),
          scheduledAt: options.scheduledAt,
          timezone: options.timezone ?? 'UTC',
          firstText: texts[0] ?? '',
          itemCount: texts.length,
        })
        .returning({ id: posts.id });
      if (!post) throw new Error('could not create the test post');
      await db.insert(postItems).values(texts.map((text, position) => ({ postId: post.id, position, text })));
      return post.id;
    },
    async close() {
      await boss.stop({ graceful: false });
      await database.close();
      await rm(mediaRoot, { recursive: true, force: true });
    },
  };
}

/** The web role does not create queues (the worker does at start), so tests make them here. */
async function createAllQueues(boss: PgBoss): Promise<void> {
  for (const [name, queueOptions] of Object.entries(QUEUE_OPTIONS) as [QueueName, (typeof QUEUE_OPTIONS)[QueueName]][]) {
    await boss.createQueue(name, queueOptions);
  }
}
