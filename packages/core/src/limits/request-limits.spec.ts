import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '@tweetflow/config';
import { posts, users, workspaces } from '@tweetflow/db';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { DomainError } from '../errors';
import { enforceRequestLimit } from './request-limits';
import { nextAllowedAt, slidingCount } from './sliding-window';
import { assertWorkspaceCap } from './workspace-caps';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const at = (iso: string) => ({ now: () => new Date(iso) });

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('request limits', () => {
  const settings = parseConfig({ RATE_LIMIT_SIGN_UP_PER_HOUR: '3', RATE_LIMIT_API_PER_MINUTE: '0' }, '/tmp');

  it('lets the limit through, refuses the next with when to retry, and lets it through again once the window slides', async () => {
    const { db } = database;
    for (let i = 0; i < 3; i++) await enforceRequestLimit(db, at('2026-03-02T10:10:00Z'), settings, 'signUp', '198.51.100.1');
    const error = await refusal(enforceRequestLimit(db, at('2026-03-02T10:20:00Z'), settings, 'signUp', '198.51.100.1'));
    expect(error.kind).toBe('too_many_requests');
    expect(error.message).toMatch(/^Slow down: more than 3 new accounts in an hour from your network\. Try again in \d+ minutes\.$/);
    // 4 counted in the 10:00 window; in the next one 4 × (1 − t) + 1 ≤ 3 from t = 1/2, at 11:30.
    expect(error.retryAt).toEqual(new Date('2026-03-02T11:30:00Z'));

    // Another address has its own count.
    await enforceRequestLimit(db, at('2026-03-02T10:20:00Z'), settings, 'signUp', '198.51.100.2');
    await refusal(enforceRequestLimit(db, at('2026-03-02T11:29:00Z'), settings, 'signUp', '198.51.100.1'));
    // The refusal above counted too (5 → previous share of the 11:00 window): 5 × (1 − t) + 2 ≤ 3 from t = 0.8.
    await refusal(enforceRequestLimit(db, at('2026-03-02T11:40:00Z'), settings, 'signUp', '198.51.100.1'));
    await enforceRequestLimit(db, at('2026-03-02T12:50:00Z'), settings, 'signUp', '198.51.100.1');
  });

  it('is off at 0', async () => {
    for (let i = 0; i < 20; i++) await enforceRequestLimit(database.db, at('2026-03-02T10:00:00Z'), settings, 'api', 'user-a');
  });

  it('estimates a sliding window from two fixed ones', () => {
    const counts = { windowStartedAt: new Date(60_000), count: 3, previousCount: 10 };
    expect(slidingCount(counts, new Date(90_000), 60_000)).toBe(8);
    expect(nextAllowedAt({ ...counts, count: 5 }, 10, 60_000)).toEqual(new Date(60_000 + 36_000));
  });
});

describe('workspace caps', () => {
  it('refuses scheduling beyond the operator’s cap with a sentence that says what to do', async () => {
    const { db } = database;
    const [workspace] = await db.insert(workspaces).values({ name: 'Capped' }).returning({ id: workspaces.id });
    const [user] = await db.insert(users).values({ displayName: 'Cap' }).returning({ id: users.id });
    const settings = parseConfig({ WORKSPACE_MAX_SCHEDULED_POSTS: '2' }, '/tmp');
    await db.insert(posts).values([
      { workspaceId: workspace!.id, createdByUserId: user!.id, status: 'scheduled' },
      { workspaceId: workspace!.id, createdByUserId: user!.id, status: 'draft' },
    ]);
    await assertWorkspaceCap(db, settings, workspace!.id, 'scheduledPosts');
    const error = await refusal(assertWorkspaceCap(db, settings, workspace!.id, 'scheduledPosts', 2));
    expect(error.message).toBe('This workspace has 1 scheduled posts; this server allows at most 2. Let some publish, or unschedule some, before scheduling more.');
    await assertWorkspaceCap(db, parseConfig({ WORKSPACE_MAX_SCHEDULED_POSTS: '0' }, '/tmp'), workspace!.id, 'scheduledPosts', 100);
  });
});
