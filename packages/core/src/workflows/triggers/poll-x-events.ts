import type { Tweetv2SearchResult, TweetV2UserTimelineResult } from 'twitter-api-v2';
import type { Executor } from '@tweetflow/db';
import type { WorkflowTrigger } from '@tweetflow/workflows';
import { xAccountOf } from '../actions/x-account-of';
import { withXAccount } from '../../x-accounts/with-x-account';
import type { WorkflowDeps } from '../workflow-deps';

export type XEventPost = { id: string; text: string; authorId: string; authorUsername: string | null; createdAt: string | null; conversationId: string | null };

type PollTrigger = Extract<WorkflowTrigger, { type: 'x.mention' | 'x.reply' | 'x.search' }>;

const FIELDS = {
  max_results: 100,
  'tweet.fields': 'created_at,author_id,conversation_id,in_reply_to_user_id',
  expansions: 'author_id',
  'user.fields': 'username',
};

/**
 * The X events a poll trigger has not seen yet, oldest first, and the cursor to remember.
 * The first poll after activation only sets the cursor: a workflow reacts to what happens
 * from now on, not to an account's whole history. One call per poll, through the ledger.
 *
 * @example
 * const { events, cursor } = await pollXEvents(db, deps, workspaceId, trigger, workflow.pollCursor);
 */
export async function pollXEvents(
  db: Executor,
  deps: WorkflowDeps,
  workspaceId: string,
  trigger: PollTrigger,
  cursor: Record<string, string> | null,
): Promise<{ events: XEventPost[]; cursor: Record<string, string> }> {
  const account = await xAccountOf(db, workspaceId, trigger.params.accountId);
  const sinceId = cursor?.sinceId;
  const params = { ...FIELDS, ...(sinceId && sinceId !== '0' ? { since_id: sinceId } : {}) };
  const timeout = { timeout: deps.xRequestTimeoutMs };
  const result =
    trigger.type === 'x.search'
      ? await withXAccount(db, deps.xAccounts, account.id, 'GET /2/tweets/search/recent', (x) =>
          x.v2.get<Tweetv2SearchResult>('tweets/search/recent', { ...params, query: trigger.params.query }, timeout),
        )
      : await withXAccount(db, deps.xAccounts, account.id, 'GET /2/users/:id/mentions', (x) =>
          x.v2.get<TweetV2UserTimelineResult>(`users/${account.xUserId}/mentions`, params, timeout),
        );
  const posts = result.data ?? [];
  const newest = result.meta?.newest_id ?? sinceId;
  const nextCursor: Record<string, string> = { sinceId: newest ?? '0' };
  // '0' marks "polled once, nothing there yet": from now on every post is new.
  if (!sinceId) return { events: [], cursor: nextCursor };
  const usernames = new Map((result.includes?.users ?? []).map((user) => [user.id, user.username]));
  const keyword = trigger.type === 'x.mention' ? trigger.params.keyword?.toLowerCase() : undefined;
  const events = posts
    .filter((post) => post.author_id !== account.xUserId)
    .filter((post) => trigger.type !== 'x.reply' || post.in_reply_to_user_id === account.xUserId)
    .filter((post) => !keyword || post.text.toLowerCase().includes(keyword))
    .map((post) => ({
      id: post.id,
      text: post.text,
      authorId: post.author_id ?? '',
      authorUsername: usernames.get(post.author_id ?? '') ?? null,
      createdAt: post.created_at ?? null,
      conversationId: post.conversation_id ?? null,
    }))
    .reverse();
  return { events, cursor: nextCursor };
}
