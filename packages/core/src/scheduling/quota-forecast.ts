import { and, eq, gte, inArray, lt } from 'drizzle-orm';
import { posts, xRateLimitWindows, type Executor } from '@tweetflow/db';
import { APP_SCOPE, userScope } from '@tweetflow/x';
import { localDateTimeOf } from './local-time';
import { loadQueueAccount } from './queue-account';
import { DOCUMENTED_POST_LIMIT, planQuota, type PlannedUnits, type QuotaPlan } from './quota-plan';

/** The ledger's name for the create-post endpoint. */
const CREATE_POST_ENDPOINT = 'POST /2/tweets';

/** How many calls to X an account's scheduled posts will make in the next 24 hours, and whether X allows them. */
export type QuotaForecast = QuotaPlan & {
  accountId: string;
  limit: { units: number; windowMinutes: number; source: 'ledger' | 'documented' };
  /** The app-wide daily budget for creating posts, when X has told us of it. */
  appDaily: { remaining: number; resetAt: Date; plannedUnits: number } | null;
  exceeds: boolean;
  /** What would happen, in a sentence, when a limit would be exceeded. */
  warning: string | null;
};

/**
 * Forecasts the account's use of X's create-post limit over the next 24 hours: a thread of
 * k items is k calls. The limit is what X last reported for the account (the ledger), or
 * X's documented 100 per 15 minutes when unknown. `extra` adds posts not saved yet (the one
 * being scheduled) so the composer can warn before saving. Going over the limit loses
 * nothing, but the publisher has to hold posts until the window resets, so they go late.
 *
 * @example
 * const forecast = await forecastPostQuota(db, { workspaceId, accountId, now: clock.now(), extra: [{ at, units: 3 }] });
 * if (forecast.exceeds) showWarning(forecast.warning);
 */
export async function forecastPostQuota(
  db: Executor,
  input: { workspaceId: string; accountId: string; now: Date; extra?: PlannedUnits[] },
): Promise<QuotaForecast> {
  const account = await loadQueueAccount(db, input);
  const until = new Date(input.now.getTime() + 24 * 60 * 60 * 1000);
  const extra = input.extra ?? [];
  const planned = [...(await plannedUnits(db, { accountId: account.id, from: input.now, until })), ...extra];
  const windows = await db
    .select()
    .from(xRateLimitWindows)
    .where(and(eq(xRateLimitWindows.endpoint, CREATE_POST_ENDPOINT), inArray(xRateLimitWindows.scope, [userScope(account.xUserId), APP_SCOPE])));
  const userWindow = windows.find((window) => window.scope !== APP_SCOPE);
  const appWindow = windows.find((window) => window.scope === APP_SCOPE && window.resetAt.getTime() > input.now.getTime());

  const limit = userWindow
    ? { units: userWindow.limit, windowMinutes: DOCUMENTED_POST_LIMIT.windowMinutes, source: 'ledger' as const }
    : { ...DOCUMENTED_POST_LIMIT, source: 'documented' as const };
  const plan = planQuota(planned, { now: input.now, limit, currentWindow: userWindow });

  // The daily budget is the app's, shared by every account of this installation.
  const appDaily = appWindow
    ? {
        remaining: appWindow.remaining,
        resetAt: appWindow.resetAt,
        plannedUnits:
          sumUnits(await plannedUnits(db, { from: input.now, until: appWindow.resetAt })) +
          sumUnits(extra.filter(({ at }) => at.getTime() < appWindow.resetAt.getTime())),
      }
    : null;
  const dailyExceeded = appDaily !== null && appDaily.plannedUnits > appDaily.remaining;

  const warnings: string[] = [];
  if (plan.exceeded) {
    const { start, end, units, budget } = plan.exceeded;
    const time = (at: Date) => localDateTimeOf(at, account.timezone).slice(11);
    warnings.push(
      `@${account.username} has ${units} posts to X planned between ${time(start)} and ${time(end)} (${account.timezone}), but X allows ${budget} then; ${units - budget} would go out late, when X's limit resets.`,
    );
  }
  if (appDaily && dailyExceeded) {
    warnings.push(
      `X allows this TweetFlow app ${appDaily.remaining} more posts until ${localDateTimeOf(appDaily.resetAt, account.timezone).replace('T', ' ')} (${account.timezone}), across all accounts, and ${appDaily.plannedUnits} are planned; the rest would go out late.`,
    );
  }
  return {
    ...plan,
    accountId: account.id,
    limit,
    appDaily,
    exceeds: plan.exceeded !== null || dailyExceeded,
    warning: warnings.length > 0 ? warnings.join(' ') : null,
  };
}

/** Scheduled posts in [from, until) with their item counts: of one account, or of all. */
async function plannedUnits(db: Executor, input: { accountId?: string; from: Date; until: Date }): Promise<PlannedUnits[]> {
  const rows = await db
    .select({
      at: posts.scheduledAt,
      units: posts.itemCount,
    })
    .from(posts)
    .where(
      and(
        input.accountId ? eq(posts.xAccountId, input.accountId) : undefined,
        eq(posts.status, 'scheduled'),
        gte(posts.scheduledAt, input.from),
        lt(posts.scheduledAt, input.until),
      ),
    );
  return rows.flatMap((row) => (row.at ? [{ at: row.at, units: row.units }] : []));
}

function sumUnits(planned: readonly PlannedUnits[]): number {
  return planned.reduce((sum, entry) => sum + entry.units, 0);
}
