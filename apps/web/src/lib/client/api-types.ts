import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@tweetflow/api';

type Outputs = inferRouterOutputs<AppRouter>;

/** What the API returns, named the way the pages talk about it. */
export type Profile = Outputs['auth']['me'];
export type WorkspaceSummary = Outputs['workspaces']['list'][number];
export type Member = Outputs['workspaces']['members'][number];
export type PendingInvite = Outputs['workspaces']['invites'][number];
export type ApiToken = Outputs['apiTokens']['list'][number];

export type XAccount = Outputs['xAccounts']['list'][number];
export type XAccountStatus = XAccount['status'];
export type RateLimitBudget = Outputs['xAccounts']['rateLimits'][number];
