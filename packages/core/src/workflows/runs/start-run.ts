import { randomUUIDv7 } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { executeText, workflows, workflowVersions, type Executor, type TextStatement, type Transaction } from '@tweetflow/db';
import { successors, workflowDefinitionSchema, type WorkflowDefinition } from '@tweetflow/workflows';
import type { PublishingDeps } from '../../posts/publishing-deps';
import { runChangesStatement } from './run-events';
import { enqueueRunJobs, jobOfRun, runJobStatements, shareJobs } from './run-jobs';

/**
 * The condition a run that counts against its workflow's `maxConcurrentRuns` meets, for
 * statements written out. Its statuses are literals, not a parameter: the planner can then
 * tell how few runs are active and count them from the `(workflow_id, status)` index; with
 * an array parameter the prepared statement's generic plan read every run of the workflow
 * and filtered (`EXPLAIN ANALYZE` with 37 runs a workflow, 4 workflows: 0.64 → 0.10 ms).
 */
export const ACTIVE_RUN = `status in ('running', 'waiting', 'paused') and not dry_run`;

export type StartRunInput = {
  workflowId: string;
  versionId: string;
  triggerType: string;
  triggerOutput: unknown;
  dryRun?: boolean;
  breakpoints?: string[];
  startedByUserId?: string | null;
};

export type StartedRun = { runId: string; status: 'queued' | 'running' | 'skipped' };

type StartDeps = Pick<PublishingDeps, 'boss' | 'clock' | 'logger'>;

/**
 * Creates a run of a workflow version and its first job in one transaction, applying the
 * workflow's concurrency policy, and announces it with the commit (see `insertRuns`).
 *
 * @example
 * const { runId } = await startRun(db, deps, { workflowId, versionId, triggerType: 'manual', triggerOutput: {} });
 */
export async function startRun(db: Executor, deps: StartDeps, input: StartRunInput): Promise<StartedRun> {
  const definition = await loadDefinition(db, input.versionId);
  const [started] = await db.transaction(async (tx): Promise<InsertedRun[]> => {
    const [workflow] = await tx
      .select({ workspaceId: workflows.workspaceId })
      .from(workflows)
      .where(eq(workflows.id, input.workflowId))
      .for('update');
    if (!workflow) throw new Error(`workflow ${input.workflowId} does not exist`);
    return insertRuns(tx, deps, [{ input: { ...input, workspaceId: workflow.workspaceId }, definition }]);
  });
  return { runId: started!.runId, status: started!.status };
}

export type InsertedRun = StartedRun & { workflowId: string; workspaceId: string };

export type PlannedRun = { input: StartRunInput & { workspaceId: string }; definition: WorkflowDefinition };

/**
 * Writes runs and the jobs of those that may start, in one statement each, sent together
 * (see `planRuns`). The caller's transaction must hold the row locks of their workflows,
 * so concurrent triggers count each other's active runs.
 *
 * @example
 * const [run] = await insertRuns(tx, deps, [{ input: { ...input, workspaceId }, definition }]);
 */
export async function insertRuns(tx: Transaction, deps: Pick<PublishingDeps, 'boss' | 'clock'>, planned: readonly PlannedRun[]): Promise<InsertedRun[]> {
  const counted = [...new Set(planned.filter(countsActiveRuns).map(({ input }) => input.workflowId))];
  const active = new Map<string, number>();
  if (counted.length > 0) {
    // Written out, like the webhook batch's other statements: Drizzle building it cost more CPU than running it.
    const rows = await executeText<{ workflowId: string; active: number }>(
      tx,
      `select workflow_id as "workflowId", count(*)::int as active from workflow_runs where workflow_id = any($1::uuid[]) and ${ACTIVE_RUN} group by workflow_id`,
      [counted],
    );
    for (const row of rows) active.set(row.workflowId, row.active);
  }
  const { runs, statements } = await planRuns(deps, planned, active);
  // Sent at once, in order, on the transaction's connection: one round trip.
  await Promise.all(statements.map((statement) => executeText(tx, statement.text, statement.values)));
  return runs;
}

/** Whether a planned run is held to its workflow's `maxConcurrentRuns`. */
function countsActiveRuns({ input, definition }: PlannedRun): boolean {
  return !input.dryRun && definition.settings.overlap !== 'allow';
}

/**
 * The runs to write and the statements that write them: the runs in one statement, the
 * jobs of those that may start in another, and the live views' notification in a third,
 * delivered with the commit of the transaction they are sent in (and not at all if it
 * rolls back; announced after the commit instead, every webhook batch paid one more round
 * trip before its calls could be answered). The runs that start share jobs, up to
 * `RUNS_PER_JOB` each (`shareJobs`): every job is three writes of a pg-boss row and its indexes
 * (insert, fetch, completion), which were a third of PostgreSQL's time for a burst of
 * webhook runs each with a job of its own.
 *
 * `active` holds each workflow's active runs, read after its row was locked: with
 * `maxConcurrentRuns` already active, `skip` records a skipped run, `queue` leaves it
 * queued until a run finishes, `allow` starts it anyway. Runs of one workflow in the
 * batch count each other in their order.
 *
 * @example
 * const { runs, statements } = await planRuns(deps, planned, new Map([[workflowId, 2]]));
 */
export async function planRuns(
  deps: Pick<PublishingDeps, 'boss' | 'clock'>,
  planned: readonly PlannedRun[],
  active: ReadonlyMap<string, number>,
): Promise<{ runs: InsertedRun[]; statements: TextStatement[] }> {
  const counting = new Map(active);
  const now = deps.clock.now();
  const runs = planned.map((run) => {
    const { input, definition } = run;
    const { maxConcurrentRuns, overlap } = definition.settings;
    let status: StartedRun['status'] = 'running';
    if (countsActiveRuns(run)) {
      const already = counting.get(input.workflowId) ?? 0;
      if (already >= maxConcurrentRuns) status = overlap === 'skip' ? 'skipped' : 'queued';
      else counting.set(input.workflowId, already + 1);
    }
    const skipped = status === 'skipped';
    // Time-ordered like the column's default, so the primary key index is appended to.
    const id = randomUUIDv7();
    return {
      id,
      workflowId: input.workflowId,
      workspaceId: input.workspaceId,
      versionId: input.versionId,
      status,
      jobId: null as string | null,
      triggerType: input.triggerType,
      triggerOutput: input.triggerOutput ?? null,
      dryRun: input.dryRun ?? false,
      cursor: successors(definition, 'trigger', 'next'),
      breakpoints: input.breakpoints ?? [],
      startedByUserId: input.startedByUserId ?? null,
      finishedAt: skipped ? now.toISOString() : null,
      error: skipped ? `Skipped: ${maxConcurrentRuns} runs were already active (overlap policy "skip").` : null,
    };
  });
  const jobs = shareJobs(runs.filter((run) => run.status === 'running').map((run) => run.id));
  const jobOf = jobOfRun(jobs);
  for (const run of runs) run.jobId = jobOf.get(run.id) ?? null;
  const statements: TextStatement[] = [
    // The runs travel as one JSON parameter (see `MAX_PREPARED_PARAMETERS` in @tweetflow/db).
    { text: INSERT_RUNS, values: [JSON.stringify(runs), now.toISOString()] },
    ...(await runJobStatements(deps.boss, jobs)),
    runChangesStatement(runs.map((run) => ({ workspaceId: run.workspaceId, runId: run.id, workflowId: run.workflowId, status: run.status }))),
  ];
  return { runs: runs.map((run) => ({ runId: run.id, status: run.status, workflowId: run.workflowId, workspaceId: run.workspaceId })), statements };
}

const INSERT_RUNS = `insert into workflow_runs (id, workflow_id, workspace_id, version_id, status, job_id, trigger_type, trigger_output, dry_run, cursor, breakpoints, started_by_user_id, finished_at, error, created_at)
  select run.id, run."workflowId", run."workspaceId", run."versionId", run.status::workflow_run_status, run."jobId", run."triggerType", run."triggerOutput", run."dryRun",
    array(select json_array_elements_text(run.cursor)), array(select json_array_elements_text(run.breakpoints)), run."startedByUserId", run."finishedAt", run.error, $2::timestamptz
  from json_to_recordset($1::json) as run(
    id uuid, "workflowId" uuid, "workspaceId" uuid, "versionId" uuid, status text, "jobId" uuid, "triggerType" text, "triggerOutput" jsonb, "dryRun" boolean,
    cursor json, breakpoints json, "startedByUserId" uuid, "finishedAt" timestamptz, error text
  )`;

/**
 * Starts one queued run per ended run of each workflow given (a workflow may repeat; one
 * run ended by a failure or by hand passes its workflow alone), the
 * oldest first, in three statements however many: one finds and locks them (skipping runs
 * another transaction is starting), one gives them their jobs, shared up to
 * `RUNS_PER_JOB` like a webhook batch's, and one writes the jobs. Started one at a time,
 * each queued run cost three statements and a job of its own, so a burst that queued runs
 * (more calls than its workflows' `maxConcurrentRuns` while the worker was behind) slowed
 * the worker down just when it had the most to do: `pnpm bench workflows` once ran 2.5
 * statements per run instead of 0.8, and PostgreSQL spent three times the CPU per run.
 *
 * @example
 * await startNextQueuedRuns(tx, deps, endedRuns.map((run) => run.workflowId));
 */
export async function startNextQueuedRuns(tx: Transaction, deps: Pick<PublishingDeps, 'boss'>, workflowIds: readonly string[]): Promise<void> {
  if (workflowIds.length === 0) return;
  const slots = new Map<string, number>();
  for (const workflowId of workflowIds) slots.set(workflowId, (slots.get(workflowId) ?? 0) + 1);
  // Written out: asked after every batch of ended runs, and Drizzle building it (a parameter per workflow) cost more than running it.
  const next = await executeText<{ id: string }>(
    tx,
    `select run.id from json_to_recordset($1::json) as freed("workflowId" uuid, slots int)
      cross join lateral (
        select id from workflow_runs where workflow_id = freed."workflowId" and status = 'queued' and job_id is null
        order by created_at, id limit freed.slots for update skip locked
      ) as run`,
    [JSON.stringify([...slots].map(([workflowId, count]) => ({ workflowId, slots: count })))],
  );
  if (next.length === 0) return;
  const jobs = shareJobs(next.map((run) => run.id));
  const assigned = [...jobOfRun(jobs)].map(([runId, jobId]) => ({ runId, jobId }));
  await executeText(
    tx,
    `update workflow_runs set job_id = assigned."jobId", status = 'running'
      from json_to_recordset($1::json) as assigned("runId" uuid, "jobId" uuid) where workflow_runs.id = assigned."runId"`,
    [JSON.stringify(assigned)],
  );
  await enqueueRunJobs(tx, deps.boss, jobs);
}

/**
 * A version's definition, parsed (versions are validated when saved, so this only fills defaults).
 *
 * @example
 * const definition = await loadDefinition(db, versionId);
 */
export async function loadDefinition(db: Executor, versionId: string): Promise<WorkflowDefinition> {
  const cached = definitions.get(versionId);
  if (cached) return cached;
  const [version] = await db.select({ definition: workflowVersions.definition }).from(workflowVersions).where(eq(workflowVersions.id, versionId));
  if (!version) throw new Error(`workflow version ${versionId} does not exist`);
  const definition = workflowDefinitionSchema.parse(version.definition);
  if (definitions.size >= MAX_CACHED_DEFINITIONS) definitions.delete(definitions.keys().next().value!);
  definitions.set(versionId, definition);
  return definition;
}

// Versions never change once written, so their parsed definitions can be kept: every
// webhook call and every run step would otherwise read and parse the same JSON again.
const MAX_CACHED_DEFINITIONS = 5_000;
const definitions = new Map<string, WorkflowDefinition>();
