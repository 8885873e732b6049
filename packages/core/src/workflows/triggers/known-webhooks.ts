import { randomUUIDv7 } from 'node:crypto';
import { transactInOneTrip, type Database } from '@tweetflow/db';
import { MAX_CONCURRENT_RUNS, successors } from '@tweetflow/workflows';
import { hashSecretToken } from '../../auth/tokens';
import { DomainError } from '../../errors';
import { WORKSPACE_EVENTS_CHANNEL } from '../../events/workspace-events';
import { ACTIVE_RUN, type PlannedRun } from '../runs/start-run';
import { jobOfRun, runJobStatements, shareJobs } from '../runs/run-jobs';
import type { WorkflowDeps } from '../workflow-deps';
import { acceptCall, type IncomingWebhook, type LockedWorkflow, type WebhookOutcome } from './receive-webhook';

/** An active webhook workflow as a batch last found it under its row lock. */
type KnownWorkflow = LockedWorkflow & { activeVersionId: string };

/** Enough for every active webhook workflow of a large installation; the oldest is dropped first. */
const MAX_KNOWN = 10_000;

/** The SQLSTATE of `tweetflow_refuse` (migration 0009). */
const REFUSED = 'TF409';

/**
 * The webhook workflows a process has seen, by token hash, so a batch of calls to them can
 * be planned before it reaches the database and written in one round trip (see
 * `receiveKnownWebhooks`). Nothing here is trusted: the batch's statement compares each
 * workflow with the database under its lock, and refuses the whole batch if one changed.
 *
 * @example
 * const known = new KnownWebhooks();
 * known.remember(lockedWorkflows);
 */
export class KnownWebhooks {
  readonly #byTokenHash = new Map<string, KnownWorkflow>();

  /** Keeps the active ones among workflows just read under their locks. */
  remember(workflows: readonly LockedWorkflow[]): void {
    for (const workflow of workflows) {
      if (!workflow.activeVersionId) continue;
      this.#byTokenHash.delete(workflow.tokenHash);
      if (this.#byTokenHash.size >= MAX_KNOWN) this.#byTokenHash.delete(this.#byTokenHash.keys().next().value!);
      this.#byTokenHash.set(workflow.tokenHash, { ...workflow, activeVersionId: workflow.activeVersionId });
    }
  }

  get(tokenHash: string): KnownWorkflow | undefined {
    return this.#byTokenHash.get(tokenHash);
  }

  forget(workflowIds: ReadonlySet<string>): void {
    for (const [tokenHash, workflow] of this.#byTokenHash) if (workflowIds.has(workflow.id)) this.#byTokenHash.delete(tokenHash);
  }
}

/**
 * A batch of calls to known workflows in one round trip (`transactInOneTrip`): BEGIN, the
 * workflows' row locks, one statement that checks them and writes the runs, the runs' jobs,
 * and COMMIT, sent together. The two-trip batch (`receiveWebhooks`) waited between its
 * trips for this process to decide each run's status from the active runs it had counted;
 * in a burst that wait, the process waking on a busy core, was ≈ 38 % of its transaction.
 * Here SQL decides: the statement counts each workflow's active runs with a snapshot taken
 * after the locks were granted, so it sees every run committed before, and gives a run
 * `queued` or `skipped` past `maxConcurrentRuns` as `planRuns` does. Jobs are written for
 * every run, 25 to a job; a queued or skipped run is written without the job's id, so the
 * job stands down for it (see `claimRuns`) and a queued run gets a job of its own when it
 * may start.
 *
 * Answers null, having written nothing, when the batch must go the two-trip way: a call to
 * an unknown token, a call refused on what is known (the refusal is then the database's to
 * give), or a workflow deactivated, given a new URL or a new secret since it was read (the
 * statement refuses; those workflows are forgotten).
 *
 * @example
 * const outcomes = (await receiveKnownWebhooks(db, deps, known, calls)) ?? (await receiveWebhooks(db, deps, calls));
 */
export async function receiveKnownWebhooks(
  db: Database,
  deps: WorkflowDeps,
  known: KnownWebhooks,
  calls: readonly IncomingWebhook[],
): Promise<WebhookOutcome[] | null> {
  // By token hash: a workflow known by its old URL as well as its new one is checked for both.
  const workflows = new Map<string, KnownWorkflow>();
  const planned: PlannedRun[] = [];
  for (const call of calls) {
    const workflow = known.get(hashSecretToken(call.token));
    if (!workflow) return null;
    try {
      planned.push(await acceptCall(db, deps, call, workflow));
    } catch (error) {
      if (error instanceof DomainError) return null;
      throw error;
    }
    workflows.set(workflow.tokenHash, workflow);
  }
  const workflowIds = new Set([...workflows.values()].map((workflow) => workflow.id));
  const now = deps.clock.now().toISOString();
  // Time-ordered like the column's default, so the primary key index is appended to.
  const runIds = planned.map(() => randomUUIDv7());
  const jobs = shareJobs(runIds);
  const jobOf = jobOfRun(jobs);
  const runs = planned.map(({ input, definition }, position) => {
    const id = runIds[position]!;
    const { maxConcurrentRuns, overlap } = definition.settings;
    return {
      position,
      id,
      workflowId: input.workflowId,
      workspaceId: input.workspaceId,
      versionId: input.versionId,
      jobId: jobOf.get(id)!,
      triggerOutput: input.triggerOutput,
      cursor: successors(definition, 'trigger', 'next'),
      counted: overlap !== 'allow',
      maxRuns: maxConcurrentRuns,
      overlap,
    };
  });
  const expected = [...workflows.values()].map(({ id, tokenHash, activeVersionId, secret }) => ({ id, tokenHash, versionId: activeVersionId, secret }));
  let written: Array<{ runId: string; status: 'running' | 'queued' | 'skipped' }>;
  try {
    [, written] = (await transactInOneTrip(db, [
      { text: LOCK_WORKFLOWS, values: [[...workflowIds]] },
      { text: INSERT_DECIDED_RUNS, values: [JSON.stringify(runs), JSON.stringify(expected), MAX_CONCURRENT_RUNS, now, WORKSPACE_EVENTS_CHANNEL] },
      ...(await runJobStatements(deps.boss, jobs)),
    ])) as [unknown, typeof written];
  } catch (error) {
    if ((error as { code?: string }).code !== REFUSED) throw error;
    known.forget(workflowIds);
    return null;
  }
  const statusOf = new Map(written.map((run) => [run.runId, run.status]));
  return runs.map((run) => ({ ok: true, run: { runId: run.id, status: statusOf.get(run.id)! } }));
}

const LOCK_WORKFLOWS = `select id from workflows where id = any($1::uuid[]) order by id for update`;

// One statement, so the batch needs no decision from the web server between its reads and
// its writes. `changed` finds a workflow that is no longer as the server planned it;
// `place` numbers each workflow's counted runs in the batch, which count each other in
// their order (a run past the limit does not count, and neither does any after it).
const INSERT_DECIDED_RUNS = `with expected as (
    select * from json_to_recordset($2::json) as expected(id uuid, "tokenHash" text, "versionId" uuid, secret text)
  ), changed as (
    select from expected left join workflows workflow on workflow.id = expected.id and workflow.webhook_token_hash = expected."tokenHash"
      and workflow.active_version_id = expected."versionId" and workflow.webhook_secret_ciphertext is not distinct from expected.secret
    where workflow.id is null
  ), active as (
    select workflow.id, (select count(*)::int from (select from workflow_runs where workflow_id = workflow.id and ${ACTIVE_RUN} limit $3) as counted) as runs
    from (select distinct id from expected) as workflow
  ), planned as (
    select run.*, row_number() over (partition by run."workflowId", run.counted order by run.position) as place
    from json_to_recordset($1::json) as run(position int, id uuid, "workflowId" uuid, "workspaceId" uuid, "versionId" uuid, "jobId" uuid, "triggerOutput" jsonb,
      cursor json, counted boolean, "maxRuns" int, overlap text)
  ), decided as (
    select planned.*, case when not planned.counted or active.runs + planned.place <= planned."maxRuns" then 'running'
      when planned.overlap = 'skip' then 'skipped' else 'queued' end as status
    from planned join active on active.id = planned."workflowId"
  ), inserted as (
    insert into workflow_runs (id, workflow_id, workspace_id, version_id, status, job_id, trigger_type, trigger_output, dry_run, cursor, breakpoints, started_by_user_id, finished_at, error, created_at)
    select id, "workflowId", "workspaceId", "versionId", status::workflow_run_status, case when status = 'running' then "jobId" end, 'webhook', "triggerOutput", false,
      array(select json_array_elements_text(cursor)), '{}', null, case when status = 'skipped' then $4::timestamptz end,
      case when status = 'skipped' then format('Skipped: %s runs were already active (overlap policy "skip").', "maxRuns") end, $4::timestamptz
    from decided
    where not exists (select from changed) or tweetflow_refuse('a workflow of this webhook batch changed since it was read')
    returning id, workflow_id, workspace_id, status
  )
  select id as "runId", status::text as status,
    pg_notify($5, json_build_object('workspaceId', workspace_id, 'event', json_build_object('type', 'run.changed', 'runId', id, 'workflowId', workflow_id,
      'status', status, 'nodeId', null, 'stepStatus', null, 'error', null))::text) as announced
  from inserted`;
