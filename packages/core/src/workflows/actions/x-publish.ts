import { and, eq, sql } from 'drizzle-orm';
import { postItems, posts, xAccounts } from '@tweetflow/db';
import { postTextProblem } from '@tweetflow/x/rules';
import type { NewPost } from '../../posts/create-posts';
import { PublishRetryError } from '../../posts/publish/publish-post';
import type { NodeContext } from './node-context';
import { done, StepFailure, TransientStepError, type NodeResult } from './node-result';
import { publishStepPost } from './step-posts';
import { xAccountOf } from './x-account-of';

/** How often a step re-checks a post the publish queue took over (rate-limited, held). */
const RECHECK_MS = 15_000;

export type PublishRequest = { accountId: unknown; items: string[]; replyTo?: string | null; quote?: string | null; mediaIds?: string[] };

/**
 * Publishes a post or thread from a workflow step through the publishing path. The post
 * has the step's id, as its own id and as its publish-job id, so a step resumed after a
 * crash finds it by that id and re-claims it: reconciliation applies and nothing is
 * posted twice. A fresh step (nothing can exist yet) creates it without looking.
 *
 * @example
 * return publishFromStep(context, { accountId, items: ['Hello'] });
 */
export async function publishFromStep(context: NodeContext, request: PublishRequest): Promise<NodeResult> {
  const account = await xAccountOf(context.db, context.workspaceId, request.accountId);
  request.items.forEach((text, index) => {
    const problem = postTextProblem(text);
    if (problem) throw new StepFailure(request.items.length > 1 ? `Item ${index + 1}: ${problem}` : problem);
  });
  const reply = request.replyTo?.trim() || null;
  const quote = request.quote?.trim() || null;
  for (const [name, id] of [['reply-to', reply], ['quote', quote]] as const) {
    if (id && !/^\d{1,19}$/.test(id)) throw new StepFailure(`The ${name} post id "${id}" is not the id of a post on X.`);
  }
  if (context.dryRun) {
    return done({ dryRun: true, account: `@${account.username}`, text: request.items[0], items: request.items, replyTo: reply, quote });
  }

  // A step that handed its post over names it in its state (so do steps saved before
  // posts took their step's id); a resumed step may have created it before it stopped.
  const named = typeof context.state.postId === 'string' ? context.state.postId : null;
  const postId = named ?? context.stepId;
  const status = named || context.resumed ? await postStatus(context, postId) : null;
  if (status === null && named) throw new StepFailure('The post this step created was deleted before it was published.');
  if (status !== 'published' && status !== 'failed' && !context.state.handedOver) {
    try {
      // The batch path (a handful of statements where the one-post path spends about
      // fifteen), which hands over to that path when a post needs it.
      const settlement = await publishStepPost(context.db, context.deps, {
        workspaceId: context.workspaceId,
        create: status === null ? stepPost(context, account.id, request, reply, quote) : null,
        job: { id: context.stepId, postId, retryCount: context.attempt - 1, retryLimit: context.maxAttempts - 1 },
      });
      if ('error' in settlement) throw settlement.error;
      const { outcome } = settlement;
      if (outcome === 'deferred' || outcome === 'held') {
        // The publish queue owns the post now (at the rate-limit reset, or when the queue resumes).
        return { kind: 'wait', until: new Date(context.deps.clock.now().getTime() + RECHECK_MS), state: { postId, handedOver: true } };
      }
      // Published by this call: everything the step's output says is known without reading it back.
      if (outcome === 'published' && settlement.xPostIds?.length === request.items.length) {
        return publishedOutput(postId, account.username, request.items, settlement.xPostIds);
      }
    } catch (error) {
      if (error instanceof PublishRetryError) throw new TransientStepError(error.message, undefined, { cause: error });
      throw error;
    }
  }
  return settle(context, postId);
}

/** The step's post, scheduled now, with the step's id as its own and its publish job's. */
function stepPost(context: NodeContext, accountId: string, request: PublishRequest, reply: string | null, quote: string | null): NewPost {
  return {
    id: context.stepId,
    content: {
      accountId,
      items: request.items.map((text, index) => ({ text, mediaIds: index === 0 ? (request.mediaIds ?? []) : [] })),
      ...(reply ? { replyToXPostId: reply } : {}),
      ...(quote ? { quoteXPostId: quote } : {}),
    },
    scheduledAt: context.deps.clock.now(),
    timezone: 'UTC',
    source: 'workflow',
    publishJobId: context.stepId,
  };
}

/** The step's output for a published post or thread. */
function publishedOutput(postId: string, username: string | null, texts: readonly string[], ids: readonly string[]): NodeResult {
  const url = `https://x.com/${username ?? 'i'}/status/${ids[0]}`;
  return done(texts.length > 1 ? { postIds: [...ids], url, tweetflowPostId: postId } : { postId: ids[0], text: texts[0] ?? '', url, tweetflowPostId: postId });
}

/** The status of the post a resumed step may have created; null when it never got that far. */
async function postStatus(context: NodeContext, postId: string) {
  const [post] = await context.db.select({ status: posts.status }).from(posts).where(and(eq(posts.id, postId), eq(posts.workspaceId, context.workspaceId)));
  return post?.status ?? null;
}

/** The step's result once the post is published or has failed; a wait while it is still on its way. One query. */
async function settle(context: NodeContext, postId: string): Promise<NodeResult> {
  const [post] = await context.db
    .select({
      status: posts.status,
      statusReason: posts.statusReason,
      username: xAccounts.username,
      items: sql<Array<{ xPostId: string | null; text: string }>>`(
        select coalesce(json_agg(json_build_object('xPostId', ${postItems.xPostId}, 'text', ${postItems.text}) order by ${postItems.position}), '[]'::json)
        from ${postItems} where ${postItems.postId} = ${posts.id})`,
    })
    .from(posts)
    .leftJoin(xAccounts, eq(xAccounts.id, posts.xAccountId))
    .where(and(eq(posts.id, postId), eq(posts.workspaceId, context.workspaceId)));
  if (!post) throw new StepFailure('The post this step created was deleted before it was published.');
  if (post.status === 'failed') throw new StepFailure(post.statusReason ?? 'X did not publish the post.');
  if (post.status !== 'published') {
    return { kind: 'wait', until: new Date(context.deps.clock.now().getTime() + RECHECK_MS), state: { postId, handedOver: true } };
  }
  return publishedOutput(
    postId,
    post.username,
    post.items.map((item) => item.text),
    post.items.map((item) => item.xPostId ?? ''),
  );
}
