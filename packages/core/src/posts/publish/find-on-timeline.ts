import type { TweetV2, TweetV2UserTimelineResult } from 'twitter-api-v2';
import type { Executor } from '@tweetflow/db';
import { normalizePostText as normalizeText } from '@tweetflow/x/rules';
import { withXAccount } from '../../x-accounts/with-x-account';
import type { PublishDeps } from './publish-deps';

/** Two pages of 100: far more than an account posts between a lost answer and its retry. */
const PAGES = 2;

type Sought = {
  accountId: string;
  xUserId: string;
  text: string;
  /** The post it must reply to (the previous thread item, or the post's reply target). */
  inReplyTo: string | null;
  /** When the unanswered attempt started: only posts from about then on can be it. */
  since: Date;
};

/**
 * Looks on the account's recent timeline for the post an unanswered attempt may have
 * created: same text (X rewrites links to t.co and escapes &, < and >, so those are
 * normalized away), replying to the same post, created no earlier than a few minutes
 * before the attempt. X has no idempotency key, so this is how a retry avoids a duplicate.
 *
 * @example
 * const xPostId = await findOnTimeline(db, deps, { accountId, xUserId, text, inReplyTo: null, since });
 */
export async function findOnTimeline(db: Executor, deps: PublishDeps, sought: Sought): Promise<string | null> {
  const wanted = normalizeText(sought.text);
  const earliest = sought.since.getTime() - 5 * 60_000;
  let paginationToken: string | undefined;
  for (let page = 0; page < PAGES; page++) {
    const result = await withXAccount(db, deps.xAccounts, sought.accountId, 'GET /2/users/:id/tweets', (x) =>
      x.v2.get<TweetV2UserTimelineResult>(
        `users/${sought.xUserId}/tweets`,
        {
          max_results: 100,
          'tweet.fields': 'created_at,referenced_tweets',
          ...(paginationToken ? { pagination_token: paginationToken } : {}),
        },
        { timeout: deps.xRequestTimeoutMs },
      ),
    );
    const posts = result.data ?? [];
    const match = posts.find((post) => normalizeText(post.text) === wanted && repliesTo(post) === sought.inReplyTo);
    if (match) return match.id;
    const oldest = posts.at(-1)?.created_at;
    paginationToken = result.meta?.next_token;
    if (!paginationToken || (oldest && Date.parse(oldest) < earliest)) return null;
  }
  return null;
}

function repliesTo(post: TweetV2): string | null {
  return post.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id ?? null;
}
