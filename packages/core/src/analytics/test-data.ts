import { accountMetricSnapshots, postMetricSnapshots, trackedPosts, users, workspaceMembers, workspaces, xAccounts, type Executor } from '@tweetflow/db';
import { engagementsOf, type PublicPostMetrics } from './engagement';

let accounts = 0;

/** A workspace with an owner, for analytics tests that seed figures directly. */
export async function seedWorkspace(db: Executor, timezone = 'UTC'): Promise<{ workspaceId: string; userId: string }> {
  const [user] = await db.insert(users).values({ displayName: 'Analyst', email: `analyst.${Date.now()}.${++accounts}@example.com` }).returning();
  const [workspace] = await db.insert(workspaces).values({ name: 'Numbers Inc.', timezone }).returning();
  await db.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId: user!.id, role: 'owner' });
  return { workspaceId: workspace!.id, userId: user!.id };
}

/** A connected account row (its tokens are never used by these tests). */
export async function seedAccount(db: Executor, workspaceId: string, username: string, timezone = 'UTC'): Promise<string> {
  const [account] = await db
    .insert(xAccounts)
    .values({
      workspaceId,
      xUserId: String(9_000 + ++accounts),
      username,
      displayName: username,
      accessTokenCiphertext: 'test:unused',
      accessTokenExpiresAt: new Date('2030-01-01T00:00:00Z'),
      timezone,
    })
    .returning();
  return account!.id;
}

export type SeededPost = Partial<PublicPostMetrics> & { postedAt: string; text?: string };

/** A followed post whose latest figures are `post`'s, with one snapshot of them at `capturedAt` (default: posted + 1 day). */
export async function seedPost(db: Executor, workspaceId: string, xAccountId: string, post: SeededPost, snapshots: (Partial<PublicPostMetrics> & { at: string })[] = []): Promise<string> {
  const { postedAt: postedAtText, text, ...given } = post;
  const figures: PublicPostMetrics = { impressions: 0, likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0, ...given };
  const postedAt = new Date(postedAtText);
  const [row] = await db
    .insert(trackedPosts)
    .values({
      workspaceId,
      xAccountId,
      xPostId: String(Math.floor(Math.random() * 1e15)),
      text: text ?? `Post at ${postedAtText}`,
      postedAt,
      ...figures,
      engagements: engagementsOf(figures),
    })
    .returning();
  const readings = snapshots.length > 0 ? snapshots : [{ ...figures, at: new Date(postedAt.getTime() + 86_400_000).toISOString() }];
  for (const { at, ...reading } of readings) {
    const values: PublicPostMetrics = { impressions: 0, likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0, ...reading };
    await db.insert(postMetricSnapshots).values({ trackedPostId: row!.id, capturedAt: new Date(at), ...values, engagements: engagementsOf(values) });
  }
  return row!.id;
}

/** Follower readings of an account: `[ISO instant, followers]`. */
export async function seedFollowers(db: Executor, xAccountId: string, readings: [string, number][]): Promise<void> {
  await db.insert(accountMetricSnapshots).values(readings.map(([at, followers]) => ({ xAccountId, capturedAt: new Date(at), followers, following: 10, posts: 5 })));
}
