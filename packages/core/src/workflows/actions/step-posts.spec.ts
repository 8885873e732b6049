import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { posts, type Executor } from '@tweetflow/db';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPublishingTestbed, type PublishingTestbed } from '../../posts/testing';
import { publishStepPost, type StepPost } from './step-posts';

let testbed: PublishingTestbed;
let accountId: string;

beforeEach(async () => {
  testbed = await startPublishingTestbed();
  accountId = await testbed.connect('ada');
});
afterEach(() => testbed.close());

/** The database handle, counting the transactions begun through it (one per `createPosts`). */
function countingTransactions(db: Executor) {
  const counted = { transactions: 0 };
  const handle = new Proxy(db, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property === 'transaction') counted.transactions++;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { handle, counted };
}

function stepPost(text: string, options: { account?: string; items?: string[] } = {}): StepPost {
  const id = randomUUID();
  return {
    workspaceId: testbed.workspaceId,
    create: {
      id,
      content: { accountId: options.account ?? accountId, items: (options.items ?? [text]).map((item) => ({ text: item, mediaIds: [] })) },
      scheduledAt: testbed.deps.clock.now(),
      timezone: 'UTC',
      source: 'workflow',
      publishJobId: id,
    },
    job: { id, postId: id, retryCount: 0, retryLimit: 2 },
  };
}

describe("workflow steps' posts", () => {
  it('steps posting at the same moment are created in one transaction and published as one batch, each settled on its own', async () => {
    const { handle, counted } = countingTransactions(testbed.database.db);
    const texts = ['one', 'two', 'three', 'four', 'five'];
    const settlements = await Promise.all(texts.map((text) => publishStepPost(handle, testbed.publishing, stepPost(`Launch ${text}`))));

    expect(settlements.map((settlement) => ('outcome' in settlement ? settlement.outcome : settlement.error))).toEqual(texts.map(() => 'published'));
    // The first went alone; the four that came while it was out went together.
    expect(counted.transactions).toBe(2);
    expect(testbed.postsOf('ada').map((post) => post.text).sort()).toEqual(texts.map((text) => `Launch ${text}`).sort());
  });

  it('a post whose account is not in the workspace fails only its own step; a thread goes alone', async () => {
    const { handle, counted } = countingTransactions(testbed.database.db);
    const first = stepPost('First');
    const stranger = stepPost('From a stranger', { account: randomUUID() });
    const thread = stepPost('', { items: ['Thread 1/2', 'Thread 2/2'] });
    const settlements = await Promise.all([first, stepPost('Second'), stranger, stepPost('Third'), thread].map((post) => publishStepPost(handle, testbed.publishing, post)));

    const outcomes = settlements.map((settlement) => ('outcome' in settlement ? settlement.outcome : 'error'));
    expect(outcomes).toEqual(['published', 'published', 'error', 'published', 'published']);
    expect(String((settlements[2] as { error: Error }).error.message)).toMatch(/account/i);
    expect(await testbed.database.db.select({ id: posts.id }).from(posts).where(eq(posts.id, stranger.job.id))).toEqual([]);
    // First alone and the thread alone; second, stranger and third together, refused by the
    // check that runs before the transaction, then again one by one (the stranger refused again).
    expect(counted.transactions).toBe(1 + 1 + 2);
    expect(testbed.postsOf('ada').map((post) => post.text).sort()).toEqual(['First', 'Second', 'Third', 'Thread 1/2', 'Thread 2/2'].sort());
  });
});
