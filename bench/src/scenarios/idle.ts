import { sql } from 'drizzle-orm';
import { activateWorkflow, createWorkflow, enqueuePublishJobs, QUEUES, type TriggerJobData } from '@tweetflow/core';
import { startAppStack, type AppStack } from '../harness/app-stack';
import { cpuPercent, sampleProcess, type ProcessSample } from '../harness/process-usage';
import { sleep } from '../harness/wait';
import { check, metric, type Scenario } from '../scenario';

type IdleParameters = { posts: number; workflows: number; warmupSeconds: number; windowSeconds: number };

/** Every New Year's midnight: active, but never due while the bench runs. */
const YEARLY = '0 0 1 1 *';

/**
 * What a worker costs while nothing is due: `posts` posts scheduled years ahead (each with
 * its publish job) and `workflows` active schedule-triggered workflows (each with its
 * waiting trigger job), then the worker alone for `windowSeconds` after a warm-up (its
 * production bundle, `node apps/worker/dist/main.js`, as `startWorker` runs it). CPU %
 * and RSS come from /proc of the worker process; statements and transactions per minute
 * from pg_stat_statements and pg_stat_database for its database, while the worker is the
 * database's only client.
 */
export const idleScenario: Scenario<IdleParameters> = {
  name: 'idle',
  full: { posts: 100_000, workflows: 10_000, warmupSeconds: 15, windowSeconds: 60 },
  smoke: { posts: 1_000, workflows: 20, warmupSeconds: 1, windowSeconds: 2 },
  async run(context, parameters) {
    const stack = await startAppStack(context, { label: 'idle', accounts: 10 });
    try {
      context.progress.update(`idle: scheduling ${parameters.posts.toLocaleString('en-US')} posts`);
      await scheduleFarFuturePosts(stack, parameters.posts);
      context.progress.update(`idle: activating ${parameters.workflows.toLocaleString('en-US')} scheduled workflows`);
      await activateYearlyWorkflows(stack, parameters.workflows);
      const [jobs] = await stack.database.db.execute<{ waiting: number }>(sql`select count(*)::int as waiting from pgboss.job where state = 'created'`);
      await stack.disconnect();
      const worker = await stack.startWorker();
      const pid = worker.child.pid!;
      for (let second = parameters.warmupSeconds; second > 0; second--) {
        context.progress.update(`idle: worker warming up, ${second} s`);
        await sleep(1_000);
      }
      const database = (await context.cluster.admin<{ oid: number }[]>`select oid from pg_database where datname = 'bench_idle'`)[0]!.oid;
      const before = { process: sampleProcess(pid), ...(await databaseCounters(context.cluster.admin, database)) };
      const samples: ProcessSample[] = [before.process];
      for (let second = 1; second <= parameters.windowSeconds; second++) {
        await sleep(1_000);
        samples.push(sampleProcess(pid));
        context.progress.update(`idle: measuring, ${second} of ${parameters.windowSeconds} s`);
      }
      const after = { process: samples.at(-1)!, ...(await databaseCounters(context.cluster.admin, database)) };
      const minutes = parameters.windowSeconds / 60;
      const cpu = cpuPercent(before.process, after.process);
      const rssMax = Math.max(...samples.map((sample) => sample.rssMb));
      context.progress.done(`idle: worker CPU ${cpu.toFixed(1)} %, RSS ${Math.round(rssMax)} MB`);
      return {
        scenario: 'idle',
        parameters,
        metrics: [
          metric('worker CPU', '%', [cpu], { target: { op: '<', value: 5 } }),
          metric('worker RSS (max)', 'MB', [rssMax], { target: { op: '<=', value: 250 } }),
          ...(context.cluster.countsStatements ? [metric('worker statements', 'per min', [(after.statements - before.statements) / minutes])] : []),
          metric('worker transactions', 'per min', [(after.transactions - before.transactions) / minutes]),
        ],
        checks: [
          check('every post and workflow waits with its job', (jobs?.waiting ?? 0) >= parameters.posts + parameters.workflows, `${jobs?.waiting ?? 0} waiting jobs`),
          check('the worker stayed up', worker.child.exitCode === null, worker.child.exitCode === null ? 'running' : `exited with ${worker.child.exitCode}`),
        ],
        notes: [
          `statements from pg_stat_statements and transactions from pg_stat_database (xact_commit + xact_rollback) of the worker's database, over ${parameters.windowSeconds} s after a ${parameters.warmupSeconds} s warm-up`,
        ],
      };
    } finally {
      await stack.close();
    }
  },
};

async function databaseCounters(admin: AppStack['database']['sql'], database: number): Promise<{ statements: number; transactions: number }> {
  const [activity] = await admin<{ transactions: number }[]>`
    select (xact_commit + xact_rollback)::float8 as transactions from pg_stat_database where datid = ${database}`;
  const [statements] = await admin<{ calls: number }[]>`
    select coalesce(sum(calls), 0)::float8 as calls from pg_stat_statements where dbid = ${database}`.catch(() => [{ calls: 0 }]);
  return { statements: statements?.calls ?? 0, transactions: activity?.transactions ?? 0 };
}

/** Posts a few years ahead, written in bulk, each given its publish job by core's own enqueue. */
async function scheduleFarFuturePosts(stack: AppStack, count: number): Promise<void> {
  const { db } = stack.database;
  const accounts = `{${stack.accounts.map((account) => account.id).join(',')}}`;
  const created = await db.execute<{ id: string; at: string }>(sql`
    insert into posts (workspace_id, x_account_id, created_by_user_id, status, source, scheduled_at, timezone, first_text, item_count)
    select ${stack.workspace.workspaceId}::uuid, (${accounts}::uuid[])[1 + n % ${stack.accounts.length}::int], ${stack.workspace.userId}::uuid,
      'scheduled', 'composer', now() + interval '3 years' + make_interval(mins => n), 'UTC', 'Far-future post ' || n, 1
    from generate_series(0, ${count - 1}::int) as n
    returning id, scheduled_at as at`);
  await db.execute(sql`
    insert into post_items (post_id, position, text)
    select id, 0, first_text from posts where workspace_id = ${stack.workspace.workspaceId}::uuid`);
  for (let start = 0; start < created.length; start += 5_000) {
    const batch = created.slice(start, start + 5_000).map((row) => ({ postId: row.id, at: new Date(row.at) }));
    await db.transaction(async (tx) => {
      const jobIds = await enqueuePublishJobs(tx, stack.deps.boss, batch);
      await tx.execute(sql`
        update posts set publish_job_id = pairs.job_id
        from unnest(${`{${batch.map((row) => row.postId).join(',')}}`}::uuid[], ${`{${jobIds.join(',')}}`}::uuid[]) as pairs(post_id, job_id)
        where posts.id = pairs.post_id`);
    });
  }
}

/**
 * One workflow is created and activated through core; the rest are copies of it written in
 * bulk (10,000 activations one by one would take longer than the measurement), each with a
 * copy of the trigger job that activation gave the first, so the worker sees exactly what
 * activating each would have left.
 */
async function activateYearlyWorkflows(stack: AppStack, count: number): Promise<void> {
  const { db } = stack.database;
  const { workspaceId, userId } = stack.workspace;
  const definition = {
    trigger: { type: 'schedule', params: { mode: 'cron', cron: YEARLY, timezone: 'UTC' } },
    nodes: [{ id: 'greet', type: 'x.post', params: { accountId: stack.accounts[0]!.id, text: 'Happy new year!' } }],
    edges: [{ from: 'trigger', to: 'greet' }],
  };
  const { workflowId } = await createWorkflow(db, stack.deps, { workspaceId, userId, name: 'Yearly 0', definition });
  await activateWorkflow(db, stack.deps, { workspaceId, workflowId });
  const [template] = await db.execute<{ data: TriggerJobData; start_after: string; singleton_key: string }>(sql`
    select data, start_after, singleton_key from pgboss.job where name = ${QUEUES.workflowTrigger} and data->>'workflowId' = ${workflowId}`);
  if (!template) throw new Error('idle: activating a scheduled workflow left no trigger job');
  if (count <= 1) return;
  // A version id is chosen with each copy, since a statement cannot update rows it inserts.
  const copies = await db.execute<{ id: string }>(sql`
    with copies as (
      insert into workflows (workspace_id, name, active_version_id, webhook_token_hash, webhook_token_ciphertext, trigger_generation, created_by_user_id)
      select workspace_id, 'Yearly ' || n, uuidv7(), md5(random()::text) || n, webhook_token_ciphertext, trigger_generation, created_by_user_id
      from workflows, generate_series(1, ${count - 1}::int) as n where id = ${workflowId}::uuid
      returning id, active_version_id
    ), versions as (
      insert into workflow_versions (id, workflow_id, version, definition, created_by_user_id)
      select copies.active_version_id, copies.id, 1, source.definition, source.created_by_user_id
      from copies, workflow_versions as source where source.workflow_id = ${workflowId}::uuid
    )
    select id from copies`);
  const startAfter = new Date(template.start_after);
  for (let start = 0; start < copies.length; start += 5_000) {
    await stack.deps.boss.insert(
      QUEUES.workflowTrigger,
      copies.slice(start, start + 5_000).map(({ id }) => ({
        data: { ...template.data, workflowId: id },
        startAfter,
        singletonKey: template.singleton_key.replace(workflowId, id),
      })),
    );
  }
}
