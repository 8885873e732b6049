import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { postItems, posts, trackedPosts, workflowRuns, workflows, workflowSteps, workflowVersions } from '@tweetflow/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccount, seedWorkspace } from '../test-data';
import { workflowPerformance } from './workflow-performance';

let database: TestDatabase;
let workspaceId: string;
let accountId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ workspaceId } = await seedWorkspace(database.db));
  accountId = await seedAccount(database.db, workspaceId, 'bot');
});
afterAll(() => database.close());

async function workflow(name: string) {
  const [row] = await database.db.insert(workflows).values({ workspaceId, name, webhookTokenHash: `hash-${name}`, webhookTokenCiphertext: 'x' }).returning();
  const [version] = await database.db.insert(workflowVersions).values({ workflowId: row!.id, version: 1, definition: {} }).returning();
  return { id: row!.id, versionId: version!.id };
}

/** A run that published one post (its step keeps the post id, as the publish step does) with the given figures. */
async function runThatPosted(flow: { id: string; versionId: string }, status: 'succeeded' | 'failed', figures: { impressions: number; engagements: number } | null) {
  const [run] = await database.db
    .insert(workflowRuns)
    .values({ workflowId: flow.id, workspaceId, versionId: flow.versionId, status, triggerType: 'schedule', createdAt: new Date('2026-03-03T09:00:00Z') })
    .returning();
  if (!figures) return;
  const publishedAt = new Date('2026-03-03T09:01:00Z');
  const [post] = await database.db.insert(posts).values({ workspaceId, xAccountId: accountId, status: 'published', source: 'workflow', publishedAt }).returning();
  const [item] = await database.db.insert(postItems).values({ postId: post!.id, position: 0, text: 'Made by a workflow', xPostId: `${Math.floor(Math.random() * 1e12)}`, publishedAt }).returning();
  await database.db.insert(trackedPosts).values({ workspaceId, xAccountId: accountId, xPostId: item!.xPostId!, postItemId: item!.id, text: item!.text, postedAt: publishedAt, ...figures });
  await database.db.insert(workflowSteps).values({ runId: run!.id, nodeId: 'post', sequence: 1, status: 'succeeded', state: { postId: post!.id }, startedAt: publishedAt });
}

describe('workflow performance', () => {
  it('counts runs, their success rate, the posts they published and what those earned', async () => {
    const digest = await workflow('Daily digest');
    const quiet = await workflow('Never ran');
    await runThatPosted(digest, 'succeeded', { impressions: 1000, engagements: 40 });
    await runThatPosted(digest, 'succeeded', { impressions: 500, engagements: 35 });
    await runThatPosted(digest, 'failed', null);

    const rows = await workflowPerformance(database.db, workspaceId, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-09T00:00:00Z'));
    expect(rows).toEqual([
      { workflowId: digest.id, name: 'Daily digest', runs: 3, succeeded: 2, failed: 1, successRate: 2 / 3, posts: 2, impressions: 1500, engagements: 75, engagementRate: 0.05 },
      { workflowId: quiet.id, name: 'Never ran', runs: 0, succeeded: 0, failed: 0, successRate: null, posts: 0, impressions: 0, engagements: 0, engagementRate: null },
    ]);
    const later = await workflowPerformance(database.db, workspaceId, new Date('2026-03-09T00:00:00Z'), new Date('2026-03-16T00:00:00Z'));
    expect(later[0]).toMatchObject({ runs: 0, posts: 0 });
  });
});
