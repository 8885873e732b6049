import { sql } from 'drizzle-orm';
import { startAppStack, type AppStack } from '../harness/app-stack';
import { buildWebApp } from '../harness/app-processes';
import { loadHttp } from '../harness/http-load';
import { timeRequestsApart, type RequestTimings } from '../harness/request-timer';
import { percentile } from '../harness/stats';
import { check, metric, type Check, type Scenario } from '../scenario';

type ApiParameters = {
  posts: number;
  /** Months the posts are spread over, ending a few months from now. */
  months: number;
  /** Requests per latency measurement, sent one after another as one person's browser would. */
  requests: number;
  /** Requests of each kind sent first and not measured: a server that has run for a while has compiled its hot code. */
  warmUp: number;
  repetitions: number;
  /** For requests/s: how long and from how many connections. */
  throughputSeconds: number;
  connections: number;
};

/** The calendar asks for a month in pages of this many posts (calendar-posts.svelte.ts). */
const CALENDAR_PAGE = 500;
/** A page of the list view. */
const LIST_PAGE = 50;

/**
 * The API through the production web server with a session cookie, on a workspace of
 * `posts` posts: the calendar's month query (posts.calendar with a month's range, first page),
 * the same month as whole posts (posts.list, what the SDK reads), the list's first page
 * (newest first), and requests/s of a simple authenticated query (auth.me) from several
 * connections. Latencies are measured after a warm-up, as a server that has been running
 * would answer.
 */
export const apiScenario: Scenario<ApiParameters> = {
  name: 'api',
  full: { posts: 100_000, months: 36, requests: 100, warmUp: 50, repetitions: 3, throughputSeconds: 10, connections: 10 },
  smoke: { posts: 2_000, months: 12, requests: 10, warmUp: 2, repetitions: 1, throughputSeconds: 1, connections: 2 },
  async run(context, parameters) {
    context.progress.update('api: building the web app (cached when unchanged)');
    const webDir = buildWebApp(context.root);
    context.progress.update(`api: writing ${parameters.posts.toLocaleString('en-US')} posts`);
    const stack = await startAppStack(context, { label: 'api', accounts: 10, webDir });
    try {
      const month = await writePosts(stack, parameters);
      const web = await stack.startWebServer();
      const cookie = `tf_session=${stack.workspace.sessionToken}`;
      const { workspaceId } = stack.workspace;
      const calendar = trpcPath('posts.calendar', { workspaceId, from: month.from.toISOString(), to: month.to.toISOString(), limit: CALENDAR_PAGE });
      const wholeMonth = trpcPath('posts.list', { workspaceId, from: month.from.toISOString(), to: month.to.toISOString(), limit: CALENDAR_PAGE });
      const list = trpcPath('posts.list', { workspaceId, limit: LIST_PAGE });
      const calendarRuns: RequestTimings[] = [];
      const wholeMonthRuns: RequestTimings[] = [];
      const listRuns: RequestTimings[] = [];
      const time = (url: string, count: number, expectedPosts: number) => timeRequestsApart({ url: `${web.url}${url}`, cookie, count, expectedPosts });
      context.progress.update('api: warming up');
      for (const url of [calendar, wholeMonth, list]) await time(url, parameters.warmUp, Number.NaN);
      for (let run = 1; run <= parameters.repetitions; run++) {
        context.progress.update(`api: calendar month and list, ${run}/${parameters.repetitions}`);
        calendarRuns.push(await time(calendar, parameters.requests, Math.min(CALENDAR_PAGE, month.posts)));
        wholeMonthRuns.push(await time(wholeMonth, parameters.requests, Math.min(CALENDAR_PAGE, month.posts)));
        listRuns.push(await time(list, parameters.requests, LIST_PAGE));
      }
      context.progress.update('api: requests/s of auth.me');
      const me = trpcPath('auth.me', undefined);
      const load = await loadHttp({
        url: web.url,
        connections: parameters.connections,
        durationSeconds: parameters.throughputSeconds,
        nextRequest: () => ({ method: 'GET', path: me, headers: { cookie } }),
      });
      context.progress.done(`api: calendar month p95 ${percentile(calendarRuns.map((run) => run.p95), 0.5).toFixed(1)} ms`);
      const checks: Check[] = [
        check('the calendar month answers with a full first page', calendarRuns.every((run) => run.wrong === 0), `${calendarRuns.reduce((sum, run) => sum + run.wrong, 0)} wrong answers`),
        check('the month as whole posts answers with a full first page', wholeMonthRuns.every((run) => run.wrong === 0), `${wholeMonthRuns.reduce((sum, run) => sum + run.wrong, 0)} wrong answers`),
        check("every answer says the server's own time (Server-Timing)", calendarRuns.every((run) => run.untimed === 0), `${calendarRuns.reduce((sum, run) => sum + run.untimed, 0)} answers without it`),
        check('the list answers with a full first page', listRuns.every((run) => run.wrong === 0), `${listRuns.reduce((sum, run) => sum + run.wrong, 0)} wrong answers`),
        check('auth.me answered every request', load.non2xx === 0 && load.errors === 0, `${load.non2xx} not 2xx, ${load.errors} errors`),
      ];
      return {
        scenario: 'api',
        parameters: { ...parameters, monthQueried: month.from.toISOString().slice(0, 7), postsInMonth: month.posts },
        metrics: [
          metric(`calendar month (${CALENDAR_PAGE} posts) p50`, 'ms', calendarRuns.map((run) => run.p50), { baseline: 'roundTripMs' }),
          metric(`calendar month (${CALENDAR_PAGE} posts) p95`, 'ms', calendarRuns.map((run) => run.p95), { target: { op: '<=', value: 20 }, baseline: 'roundTripMs' }),
          metric(`calendar month: server's own time (Server-Timing) p50`, 'ms', calendarRuns.map((run) => run.serverP50)),
          metric(`calendar month: server's own time (Server-Timing) p95`, 'ms', calendarRuns.map((run) => run.serverP95)),
          metric(`month as whole posts (posts.list, ${CALENDAR_PAGE}) p50`, 'ms', wholeMonthRuns.map((run) => run.p50), { baseline: 'roundTripMs' }),
          metric(`month as whole posts (posts.list, ${CALENDAR_PAGE}) p95`, 'ms', wholeMonthRuns.map((run) => run.p95), { baseline: 'roundTripMs' }),
          metric(`post list (${LIST_PAGE} newest) p50`, 'ms', listRuns.map((run) => run.p50), { baseline: 'roundTripMs' }),
          metric(`post list (${LIST_PAGE} newest) p95`, 'ms', listRuns.map((run) => run.p95), { baseline: 'roundTripMs' }),
          metric(`auth.me, ${parameters.connections} connections`, 'req/s', [load.requestsPerSecond]),
        ],
        checks,
        notes: [`${month.posts.toLocaleString('en-US')} posts in the month queried; the calendar loads it in pages of ${CALENDAR_PAGE}`],
      };
    } finally {
      await stack.close();
    }
  },
};

/** A tRPC query URL path; the input uses superjson's envelope (dates as ISO strings, which the API coerces). */
function trpcPath(procedure: string, input: unknown): string {
  return `/api/trpc/${procedure}${input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`;
}

/**
 * Writes the posts in bulk SQL (the API is measured, not the composer): one item each,
 * spread evenly over `months` ending three months from now, published before now and
 * scheduled after. Returns the busiest full month before now, the one queried.
 */
async function writePosts(stack: AppStack, parameters: ApiParameters): Promise<{ from: Date; to: Date; posts: number }> {
  const { db } = stack.database;
  const end = new Date();
  end.setUTCMonth(end.getUTCMonth() + 3, 1);
  end.setUTCHours(0, 0, 0, 0);
  const start = new Date(end);
  start.setUTCMonth(start.getUTCMonth() - parameters.months);
  const accounts = `{${stack.accounts.map((account) => account.id).join(',')}}`;
  const spacingSeconds = (end.getTime() - start.getTime()) / 1000 / parameters.posts;
  await db.execute(sql`
    with slots as (
      select n, uuidv7() as id, ${start.toISOString()}::timestamptz + make_interval(secs => n * ${spacingSeconds}::float8) as at
      from generate_series(0, ${parameters.posts - 1}::int) as n
    )
    insert into posts (id, workspace_id, x_account_id, created_by_user_id, status, source, scheduled_at, timezone, published_at, created_at, updated_at, first_text, item_count)
    select id, ${stack.workspace.workspaceId}::uuid, (${accounts}::uuid[])[1 + n % ${stack.accounts.length}::int], ${stack.workspace.userId}::uuid,
      (case when at < now() then 'published' else 'scheduled' end)::post_status, 'composer', at, 'UTC',
      case when at < now() then at end, at - interval '1 day', at - interval '1 day', 'Bench post ' || id::text, 1
    from slots`);
  await db.execute(sql`
    insert into post_items (post_id, position, text, x_post_id, published_at)
    select id, 0, first_text, case when status = 'published' then (1000000 + row_number() over ())::text end, published_at
    from posts where workspace_id = ${stack.workspace.workspaceId}::uuid`);
  // As a database that has been running: hint bits set and the visibility map written, so
  // neither the first requests nor an autovacuum running beside them pay for the bulk load.
  await db.execute(sql`vacuum (analyze) posts, post_items`);
  const from = new Date();
  from.setUTCMonth(from.getUTCMonth() - 1, 1);
  from.setUTCHours(0, 0, 0, 0);
  const to = new Date(from);
  to.setUTCMonth(to.getUTCMonth() + 1);
  const [row] = await db.execute<{ count: number }>(sql`
    select count(*)::int as count from posts
    where workspace_id = ${stack.workspace.workspaceId}::uuid and scheduled_at >= ${from.toISOString()}::timestamptz and scheduled_at < ${to.toISOString()}::timestamptz`);
  return { from, to, posts: row?.count ?? 0 };
}
