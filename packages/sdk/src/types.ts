import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@tweetflow/api';

export type { AppRouter };

/**
 * The input of every procedure, by path.
 *
 * @example
 * const timing: RouterInputs['posts']['create']['timing'] = { kind: 'now' };
 */
export type RouterInputs = inferRouterInputs<AppRouter>;

/**
 * What every procedure answers, by path (dates are `Date`s: superjson revives them).
 *
 * @example
 * type Post = RouterOutputs['posts']['get'];
 */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** A post as lists and `posts.create` return it: status, timing, account, items with media. */
export type Post = RouterOutputs['posts']['list']['posts'][number];

/** A post with the history of its calls to X (`posts.get`). */
export type PostDetail = RouterOutputs['posts']['get'];

/** A workflow run with its steps. */
export type WorkflowRun = RouterOutputs['workflows']['runDetail'];

/** One live event of a workspace: a post's or run's change, a notification, … */
export type WorkspaceEvent = RouterOutputs['events']['workspace'] extends AsyncIterable<infer Event> ? Event : never;
