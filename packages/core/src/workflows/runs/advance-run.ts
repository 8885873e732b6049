import { asc, eq } from 'drizzle-orm';
import { BatchLane, workflowSteps, type Executor } from '@tweetflow/db';
import { ExpressionError, successors, type ExpressionScope, type WorkflowDefinition, type WorkflowNode } from '@tweetflow/workflows';
import { evaluatePureNode, executeNode, isPureNode } from '../actions/execute-node';
import type { NodeContext } from '../actions/node-context';
import { StepFailure, TransientStepError, type NodeResult } from '../actions/node-result';
import type { WorkflowDeps } from '../workflow-deps';
import { claimRuns, type ClaimedRun } from './claim-run';
import { completeStep, failStep, startStep, type RunProgress, type StepRow } from './run-steps';
import { failRun, finishEndedRuns, pauseRun, suspendRun, type EndingRun, type FinishedStep } from './run-transitions';
import { loadDefinition } from './start-run';

export type RunJob = { id: string; runId: string; retryCount: number; retryLimit: number };
export type RunOutcome = 'succeeded' | 'failed' | 'waiting' | 'paused' | 'retrying' | 'stood_down' | 'stopped';

const DEFAULT_RETRY = { maxAttempts: 3, backoffSeconds: 10 };
/** A run that executes more steps than this is looping; it is stopped with a reason. */
const MAX_STEPS_PER_RUN = 1000;

/**
 * The run job: executes the run's nodes one after another from its cursor, checkpointing
 * before each node that reaches outside the run and after it, until the run finishes,
 * waits (a wait node, a retry's backoff), pauses at a breakpoint, or fails. Pure nodes
 * (if, switch, set, format) are written with the next checkpoint, so a webhook → if →
 * post run writes its if step with the post's start, and a run the if ends writes all of
 * it at once. A worker that dies mid-step leaves the step `running`; the job's
 * retry finds it and runs it again with the state it had saved (a post it created is
 * re-claimed and reconciled, never posted twice).
 *
 * @example
 * const outcome = await advanceRun(db, deps, { id: job.id, runId, retryCount: job.retryCount, retryLimit: 5 });
 */
export async function advanceRun(db: Executor, deps: WorkflowDeps, job: RunJob): Promise<RunOutcome> {
  const [result] = await advanceRuns(db, deps, [job]);
  if (result!.status === 'rejected') throw result!.reason;
  return result!.value;
}

/**
 * A batch of runs, each with the job that advances it (the worker's jobs are expanded by
 * `advanceRunJobs`): claimed in one statement, each advanced on its own, and those that
 * end without a step reaching outside the run since their last checkpoint (a webhook → if
 * run the if ends) finished together in one transaction. Each run gets its own result; an
 * error fails only its run.
 *
 * @example
 * const results = await advanceRuns(db, deps, [{ id: jobId, runId, retryCount: 0, retryLimit: 5 }]);
 */
export async function advanceRuns(db: Executor, deps: WorkflowDeps, jobs: readonly RunJob[]): Promise<Array<PromiseSettledResult<RunOutcome>>> {
  return Promise.allSettled(startRuns(db, deps, jobs, { patienceMs: Infinity }).outcomes);
}

/** A batch of runs under way: each run's outcome, and when the batch's own part is written. */
export type RunsUnderWay = {
  outcomes: Array<Promise<RunOutcome>>;
  /**
   * Settles once every run has its outcome or the patience ran out, and the runs that had
   * ended by then are written (whether or not that write succeeded: their outcomes say).
   */
  batchWritten: Promise<void>;
};

/**
 * `advanceRuns` for a caller that goes on before every run is done (the worker's fetch
 * loop). The batch's runs are finished together, as in `advanceRuns`, once all have
 * ended or once `patienceMs` pass without one ending: a big batch keeps ending runs until
 * it is done, while a batch whose last run waits on a slow server falls quiet. A run
 * still under way then is finished on its own when it ends, so it never holds up the rest.
 *
 * @example
 * const { outcomes, batchWritten } = startRuns(db, deps, jobs, { patienceMs: 100 });
 */
export function startRuns(db: Executor, deps: WorkflowDeps, jobs: readonly RunJob[], options: { patienceMs: number }): RunsUnderWay {
  const claiming = claimRuns(db, jobs, deps.clock.now());
  // An older job of a run, fetched in the same batch as its current one, holds nothing.
  const heldBy = (claimed: Map<string, ClaimedRun>, job: RunJob) => {
    const run = claimed.get(job.runId);
    return run?.jobId === job.id ? run : undefined;
  };
  const inBatch = new Set<EndingRun>();
  let batchOpen = true;
  const advanced = jobs.map(async (job): Promise<RunOutcome | EndingRun> => {
    const run = heldBy(await claiming, job);
    if (!run) return 'stood_down';
    const outcome = await runNodes(db, deps, job, run);
    if (typeof outcome === 'string') return outcome;
    const ending: EndingRun = { run, jobId: job.id, progress: outcome.ended, ...(outcome.lastStep ? { lastStep: outcome.lastStep } : {}) };
    // Registered before the patience race below, so a run that ends in time is in the batch.
    if (batchOpen) inBatch.add(ending);
    return ending;
  });

  const batchEnded = endedOrQuiet(advanced, claiming, options.patienceMs).then(() => {
    batchOpen = false;
    return finishEndedRuns(db, deps, [...inBatch]);
  });
  const outcomes = advanced.map(async (advancing): Promise<RunOutcome> => {
    const result = await advancing;
    if (typeof result === 'string') return result;
    const ended = inBatch.has(result) ? await batchEnded : await finishLate(db, deps, result);
    return ended.has(result.run.id) ? 'succeeded' : 'stopped';
  });
  return { outcomes, batchWritten: batchEnded.then(noop, noop) };
}

const noop = () => {};

/** More runs than this wait for the next statement. */
const MAX_LATE_BATCH = 800;
// Per database handle, as the late runs of a worker's batches meet there.
const lateLanesOf = new WeakMap<Executor, BatchLane<{ deps: WorkflowDeps; ending: EndingRun }, Set<string>>>();

/**
 * Finishes a run that ended after its batch was written. The late runs of the same moment
 * (a batch that fell quiet while its posts waited on X) share a statement, as a batch's
 * runs do: one each was a fifth of the runs in a busy burst (`pnpm bench workflows`).
 */
function finishLate(db: Executor, deps: WorkflowDeps, ending: EndingRun): Promise<Set<string>> {
  let lane = lateLanesOf.get(db);
  if (!lane) {
    const send = async (late: Array<{ deps: WorkflowDeps; ending: EndingRun }>) => {
      const ended = await finishEndedRuns(db, late[0]!.deps, late.map((entry) => entry.ending));
      return late.map(() => ended);
    };
    lateLanesOf.set(db, (lane = new BatchLane(send, { maxWeight: MAX_LATE_BATCH })));
  }
  return lane.submit({ deps, ending });
}

/**
 * Settles when every run has ended, or when `patienceMs` pass (counted from the claim)
 * without one ending.
 */
async function endedOrQuiet(runs: ReadonlyArray<Promise<unknown>>, claiming: Promise<unknown>, patienceMs: number): Promise<void> {
  const allEnded = Promise.allSettled(runs);
  if (!Number.isFinite(patienceMs)) {
    await allEnded;
    return;
  }
  let timer: NodeJS.Timeout | undefined;
  let done = false;
  const quiet = new Promise<void>((resolve) => {
    const restart = () => {
      if (done) return;
      clearTimeout(timer);
      timer = setTimeout(resolve, patienceMs);
    };
    void claiming.then(restart, restart);
    for (const run of runs) void run.then(restart, restart);
  });
  await Promise.race([allEnded, quiet]);
  done = true;
  clearTimeout(timer);
}

/**
 * Executes the claimed run's nodes from its cursor; `ended` when nothing is left to run
 * and only the run's end (with the steps settled since the last checkpoint) is left to
 * write, which the batch does.
 */
async function runNodes(db: Executor, deps: WorkflowDeps, job: RunJob, run: ClaimedRun): Promise<RunOutcome | { ended: RunProgress; lastStep?: FinishedStep }> {
  const definition = await loadDefinition(db, run.versionId);
  const steps = run.hasSteps ? await db.select().from(workflowSteps).where(eq(workflowSteps.runId, run.id)).orderBy(asc(workflowSteps.sequence)) : [];
  const outputs: Record<string, unknown> = {};
  for (const step of steps) if (step.status === 'succeeded' || step.status === 'failed') outputs[step.nodeId] = step.status === 'succeeded' ? step.output : { error: step.error };
  const nodes = nodesOf(definition);
  const progress: RunProgress = { settled: [], cursor: [...run.cursor], vars: { ...run.vars } };
  let sequence = steps.at(-1)?.sequence ?? 0;
  const fail = (error: string) => failRun(db, deps, run, job.id, { error, notify: definition.settings.notifyOnFailure }, progress);
  const scopeOf = (): ExpressionScope => ({ trigger: run.triggerOutput, nodes: outputs, vars: progress.vars, run: { id: run.id, startedAt: run.startedAt?.toISOString() ?? '' } });
  const expressionOptions = { timezone: definition.settings.timezone };

  while (progress.cursor.length > 0) {
    if (sequence >= MAX_STEPS_PER_RUN) {
      await fail(`The run executed ${MAX_STEPS_PER_RUN} steps and was stopped; check the workflow for a loop.`);
      return 'failed';
    }
    const nodeId = progress.cursor[0]!;
    const node = nodes.get(nodeId);
    if (!node) {
      progress.cursor = progress.cursor.slice(1);
      continue;
    }
    let step = steps.findLast((candidate) => candidate.nodeId === nodeId && (candidate.status === 'running' || candidate.status === 'waiting'));
    if (!step && run.breakpoints.includes(nodeId)) {
      await pauseRun(db, deps, run, job.id, nodeId, progress);
      return 'paused';
    }
    let executed: { input: unknown; result: NodeResult } | undefined;
    // A pure node that fails gets a step written like any other node, for the failure to land on.
    let pureFailure: { error: unknown } | undefined;
    if (!step && isPureNode(node)) {
      const at = deps.clock.now();
      try {
        executed = await evaluatePureNode(node, scopeOf(), expressionOptions);
      } catch (error) {
        pureFailure = { error };
      }
      if (executed?.result.kind === 'done') {
        const { input, result } = executed;
        progress.settled.push({ nodeId, sequence: ++sequence, input, output: result.output, branch: result.branch, at });
        advanceCursor(progress, definition, node, result);
        outputs[nodeId] = result.output;
        continue;
      }
    }
    const resumed = step !== undefined;
    step ??= (await startStep(db, deps, run, job.id, { nodeId, sequence: ++sequence, now: deps.clock.now() }, progress)) ?? undefined;
    if (!step) return 'stopped';
    const retry = node.retry ?? DEFAULT_RETRY;
    const context = nodeContext(db, deps, run, { step, resumed }, retry.maxAttempts, scopeOf(), definition.settings.timezone);

    try {
      if (pureFailure) throw pureFailure.error;
      executed = await executeNode(node, context);
    } catch (error) {
      const handled = await handleStepError(db, deps, { run, job, definition, node, step, retry, cursor: progress.cursor, error });
      if (handled.outcome) return handled.outcome;
      if (handled.fail) {
        await fail(handled.fail);
        return 'failed';
      }
      outputs[nodeId] = { error: handled.message };
      progress.cursor = handled.cursor!;
      continue;
    }

    const { input, result } = executed;
    if (result.kind === 'wait') {
      await suspendRun(db, deps, run, job.id, { stepId: step.id, nodeId, at: result.until, input, state: result.state });
      return 'waiting';
    }
    advanceCursor(progress, definition, node, result);
    outputs[nodeId] = result.output;
    // The last step's completion is written with the run's end, by the batch.
    if (progress.cursor.length === 0) return { ended: progress, lastStep: { stepId: step.id, input, output: result.output, branch: result.branch } };
    const moved = await completeStep(db, deps, run, job.id, { stepId: step.id, nodeId, input, output: result.output, branch: result.branch, cursor: progress.cursor, vars: progress.vars, now: deps.clock.now() });
    if (!moved) return 'stopped';
  }
  return { ended: progress };
}

/** Moves the cursor past a node that is done: its branch's successors first, then what was waiting. */
function advanceCursor(progress: RunProgress, definition: WorkflowDefinition, node: WorkflowNode, result: Extract<NodeResult, { kind: 'done' }>): void {
  progress.cursor = [...successors(definition, node.id, result.branch), ...progress.cursor.slice(1)];
  if (node.type === 'set') progress.vars = { ...progress.vars, ...(result.output as Record<string, unknown>) };
}

// Definitions are cached per version (see loadDefinition), and so are their nodes by id.
const nodesByDefinition = new WeakMap<WorkflowDefinition, Map<string, WorkflowNode>>();

function nodesOf(definition: WorkflowDefinition): Map<string, WorkflowNode> {
  let nodes = nodesByDefinition.get(definition);
  if (!nodes) {
    nodes = new Map(definition.nodes.map((node) => [node.id, node]));
    nodesByDefinition.set(definition, nodes);
  }
  return nodes;
}

function nodeContext(
  db: Executor,
  deps: WorkflowDeps,
  run: ClaimedRun,
  { step, resumed }: { step: StepRow; resumed: boolean },
  maxAttempts: number,
  scope: ExpressionScope,
  timezone: string,
): NodeContext {
  return {
    db,
    deps,
    workspaceId: run.workspaceId,
    workflowId: run.workflowId,
    runId: run.id,
    stepId: step.id,
    resumed,
    state: step.state ?? {},
    attempt: step.attempts,
    maxAttempts,
    dryRun: run.dryRun,
    scope,
    expressionOptions: { timezone },
  };
}

type StepErrorInput = {
  run: ClaimedRun;
  job: RunJob;
  definition: WorkflowDefinition;
  node: WorkflowNode;
  step: StepRow;
  retry: { maxAttempts: number; backoffSeconds: number };
  cursor: string[];
  error: unknown;
};

/**
 * A transient failure with attempts left sleeps and retries the step; anything else fails
 * the step, which continues on the node's error branch if it has one, or fails the run.
 * Errors nobody expected are left to the job's own retries, until the last one.
 */
async function handleStepError(
  db: Executor,
  deps: WorkflowDeps,
  { run, job, definition, node, step, retry, cursor, error }: StepErrorInput,
): Promise<{ outcome?: RunOutcome; fail?: string; message?: string; cursor?: string[] }> {
  const now = deps.clock.now();
  if (error instanceof TransientStepError && step.attempts < retry.maxAttempts) {
    const backoff = retry.backoffSeconds * 1000 * 2 ** (step.attempts - 1);
    const at = error.retryAt && error.retryAt > now ? error.retryAt : new Date(now.getTime() + backoff);
    await suspendRun(db, deps, run, job.id, { stepId: step.id, nodeId: node.id, at, input: null, attempts: step.attempts + 1, note: error.message });
    return { outcome: 'retrying' };
  }
  const known = error instanceof TransientStepError || error instanceof StepFailure || error instanceof ExpressionError;
  if (!known && job.retryCount < job.retryLimit) throw error;
  const message =
    error instanceof TransientStepError
      ? `${error.message} (gave up after ${step.attempts} attempts)`
      : error instanceof ExpressionError || error instanceof StepFailure
        ? error.message
        : `Unexpected error: ${(error as Error).message ?? String(error)}`;
  const errorBranch = successors(definition, node.id, 'error');
  const detail = `${node.id}: ${message}`;
  if (errorBranch.length === 0) {
    await failStep(db, deps, run, job.id, { stepId: step.id, nodeId: node.id, input: null, error: message, now, cursor: null });
    return { fail: `Node ${detail}` };
  }
  const next = [...errorBranch, ...cursor.slice(1)];
  const moved = await failStep(db, deps, run, job.id, { stepId: step.id, nodeId: node.id, input: null, error: message, now, cursor: next });
  return moved ? { message, cursor: next } : { outcome: 'stopped' };
}
