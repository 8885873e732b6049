import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PgBoss } from 'pg-boss';
import {
  alertRules,
  notifications,
  postItems,
  posts,
  publishAttempts,
  postMetricSnapshots,
  trackedPosts,
  users,
  workflowRuns,
  workflowSteps,
  workflowVersions,
  workflows,
  workspaceMembers,
  workspaces,
} from '@tweetflow/db';
import { eq } from 'drizzle-orm';
import { createApiToken } from '../api-tokens/api-tokens';
import { recordAudit } from '../audit/record-audit';
import { createSession } from '../auth/sessions';
import { signUp } from '../auth/users';
import { MediaStore } from '../media/media-store';
import { storeMedia } from '../media/store-media';
import { startJobQueue } from '../queue/job-queue';
import { createLogger } from '../runtime/logger';
import { inviteMember } from '../workspaces/invites';
import { connectXAccount } from '../x-accounts/connect-x-account';
import { startXAccountTestbed, type XAccountTestbed } from '../x-accounts/test-support';
import type { ErasureDeps } from './erasure-deps';
import { ExportStore } from './export-store';

/** Everything secret the world holds about a person, to prove none of it leaves or stays. */
export type Secrets = { password: string; sessionToken: string; apiToken: string; xAccessToken: string; xRefreshToken: string; webhookUrl: string };

export type PrivacyWorld = {
  testbed: XAccountTestbed;
  boss: PgBoss;
  deps: ErasureDeps;
  /** A person with data of every kind, in their personal workspace and in a shared one. */
  seedPerson(name: string): Promise<SeededPerson>;
  close(): Promise<void>;
};

export type SeededPerson = {
  userId: string;
  email: string;
  workspaceId: string;
  sharedWorkspaceId: string;
  sharedOwnerId: string;
  xUsername: string;
  mediaKey: string;
  secrets: Secrets;
};

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEUlEQVR4nGPgW/oSK2IYWhIACGBnAXdzo6sAAAAASUVORK5CYII=', 'base64');

/**
 * A database, an X sandbox, a job queue and file stores, with a helper that gives a person
 * one of everything TweetFlow keeps: sessions, an API token, an X account, posts with
 * items and attempts, media, a workflow with a version, a run and its steps, metrics,
 * a notification, an alert, an invitation, audit entries and a pg-boss job.
 *
 * @example
 * const world = await startPrivacyWorld();
 * const ada = await world.seedPerson('Ada');
 */
export async function startPrivacyWorld(): Promise<PrivacyWorld> {
  const testbed = await startXAccountTestbed();
  const logger = createLogger({ LOG_LEVEL: 'silent', NODE_ENV: 'test' }, 'privacy-test');
  const boss = await startJobQueue(testbed.database.url, { role: 'web', logger });
  const files = await mkdtemp(path.join(tmpdir(), 'tweetflow-privacy-'));
  const deps: ErasureDeps = {
    db: testbed.database.db,
    clock: testbed.deps.clock,
    logger,
    media: new MediaStore(path.join(files, 'media')),
    exports: new ExportStore(path.join(files, 'exports')),
    xAccounts: testbed.deps,
  };
  let people = 0;

  async function seedPerson(name: string): Promise<SeededPerson> {
    const { db } = testbed.database;
    const clock = deps.clock;
    const n = ++people;
    const email = `${name.toLowerCase()}.${n}@example.com`;
    const password = `correct horse battery ${n}`;
    const user = await signUp(db, { email, password, displayName: name, timezone: 'Europe/Berlin' });
    const session = await createSession(db, clock, user.id);
    const { token: apiToken } = await createApiToken(db, clock, {
      workspaceId: user.workspaceId,
      userId: user.id,
      callerRole: 'owner',
      name: 'script',
      role: 'editor',
      expiresInDays: 30,
    });

    const xUsername = `${name.toLowerCase()}_x${n}`;
    testbed.sandbox.admin.createUser({ username: xUsername });
    const tokens = testbed.tokensFor(xUsername);
    const account = await connectXAccount(db, testbed.deps, { workspaceId: user.workspaceId, userId: user.id, tokens });

    const stored = await storeMedia(db, deps.media, { workspaceId: user.workspaceId, userId: user.id, fileName: 'chart.png', mimeType: 'image/png', bytes: PNG });
    const [post] = await db
      .insert(posts)
      .values({ workspaceId: user.workspaceId, xAccountId: account.id, createdByUserId: user.id, status: 'published', timezone: 'Europe/Berlin', firstText: `Hello from ${name}`, itemCount: 1 })
      .returning({ id: posts.id });
    const [item] = await db.insert(postItems).values({ postId: post!.id, position: 0, text: `Hello from ${name}`, xPostId: `x${n}` }).returning({ id: postItems.id });
    await db.insert(publishAttempts).values({ postId: post!.id, itemPosition: 0, status: 'succeeded', xPostId: `x${n}`, startedAt: clock.now() });

    const webhookUrl = `https://hooks.slack.example/services/T0/B0/secret${n}`;
    const [workflow] = await db
      .insert(workflows)
      .values({ workspaceId: user.workspaceId, name: 'Daily tip', webhookTokenHash: `hash-${n}`, webhookTokenCiphertext: `test:cipher${n}`, createdByUserId: user.id })
      .returning({ id: workflows.id });
    const [version] = await db
      .insert(workflowVersions)
      .values({ workflowId: workflow!.id, version: 1, definition: { trigger: { type: 'manual' } }, createdByUserId: user.id })
      .returning({ id: workflowVersions.id });
    const [run] = await db
      .insert(workflowRuns)
      .values({ workflowId: workflow!.id, workspaceId: user.workspaceId, versionId: version!.id, status: 'succeeded', triggerType: 'manual', startedByUserId: user.id })
      .returning({ id: workflowRuns.id });
    await db.insert(workflowSteps).values({
      runId: run!.id,
      nodeId: 'http',
      sequence: 1,
      status: 'succeeded',
      input: { url: 'https://example.com', headers: { Authorization: `Bearer ${apiToken}` } },
      output: { status: 200 },
      startedAt: clock.now(),
    });

    const [tracked] = await db
      .insert(trackedPosts)
      .values({ workspaceId: user.workspaceId, xAccountId: account.id, xPostId: `x${n}`, postItemId: item!.id, postedAt: clock.now() })
      .returning({ id: trackedPosts.id });
    await db.insert(postMetricSnapshots).values({ trackedPostId: tracked!.id, capturedAt: clock.now(), impressions: 100, likes: 5, reposts: 1, replies: 0, quotes: 0, bookmarks: 0, engagements: 6 });
    await db.insert(notifications).values({ workspaceId: user.workspaceId, userId: user.id, kind: 'post.published', title: 'Published', body: 'Your post is live.' });
    await db.insert(alertRules).values({ workspaceId: user.workspaceId, kind: 'publish_failed', webhookUrl, checkedUntil: clock.now(), createdByUserId: user.id });
    await recordAudit(db, {
      action: 'auth.signed_in',
      at: clock.now(),
      actor: { userId: user.id, kind: 'session' },
      client: { ipAddress: '203.0.113.7', userAgent: 'Firefox' },
    });

    // A shared workspace owned by someone else, where the person is an editor who wrote a post.
    const owner = await signUp(db, { email: `owner.${n}@example.com`, password: 'correct horse battery', displayName: `Owner ${n}`, timezone: 'UTC' });
    const [shared] = await db.insert(workspaces).values({ name: `Team ${n}` }).returning({ id: workspaces.id });
    await db.insert(workspaceMembers).values([
      { workspaceId: shared!.id, userId: owner.id, role: 'owner' },
      { workspaceId: shared!.id, userId: user.id, role: 'editor' },
    ]);
    await db.insert(posts).values({ workspaceId: shared!.id, createdByUserId: user.id, status: 'draft' });
    await inviteMember(db, clock, { workspaceId: shared!.id, email: `friend.${n}@example.com`, role: 'viewer', invitedByUserId: user.id });
    await recordAudit(db, {
      action: 'member.role_changed',
      at: clock.now(),
      actor: { userId: owner.id, kind: 'session' },
      workspaceId: shared!.id,
      subjectUserId: user.id,
      details: { role: 'editor' },
    });
    // The owner last looked at the person's personal workspace.
    await db.update(users).set({ currentWorkspaceId: user.workspaceId }).where(eq(users.id, owner.id));
    await boss.send('privacy.maintenance', { note: 'mentions a person', userId: user.id });

    return {
      userId: user.id,
      email,
      workspaceId: user.workspaceId,
      sharedWorkspaceId: shared!.id,
      sharedOwnerId: owner.id,
      xUsername,
      mediaKey: `${user.workspaceId}/${stored.id}`,
      secrets: { password, sessionToken: session.token, apiToken, xAccessToken: tokens.accessToken, xRefreshToken: tokens.refreshToken!, webhookUrl },
    };
  }

  return {
    testbed,
    boss,
    deps,
    seedPerson,
    async close() {
      await boss.stop({ graceful: false });
      await testbed.close();
      await rm(files, { recursive: true, force: true });
    },
  };
}
