import { and, eq, inArray } from 'drizzle-orm';
import { workflowRuns, type Executor } from '@tweetflow/db';

/**
 * Marks the run `running` if this job is still the run's job and the run still wants
 * running; null otherwise (finished, cancelled, paused, or a newer job took over).
 *
 * @example
 * const run = await claimRun(db, { runId, jobId, now });
 */
export async function claimRun(db: Executor, input: { runId: string; jobId: string; now: Date }) {
  const [run] = await db
    .update(workflowRuns)
    .set({ status: 'running' })
    .where(and(eq(workflowRuns.id, input.runId), eq(workflowRuns.jobId, input.jobId), inArray(workflowRuns.status, ['queued', 'running', 'waiting'])))
    .returning();
  if (run && !run.startedAt) {
    await db.update(workflowRuns).set({ startedAt: input.now }).where(eq(workflowRuns.id, run.id));
    run.startedAt = input.now;
  }
  return run ?? null;
}

export type ClaimedRun = NonNullable<Awaited<ReturnType<typeof claimRun>>>;
