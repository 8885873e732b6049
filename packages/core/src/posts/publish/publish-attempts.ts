import { and, eq, inArray } from 'drizzle-orm';
import { publishAttempts, type Executor } from '@tweetflow/db';

type AttemptStatus = (typeof publishAttempts.$inferSelect)['status'];

/**
 * Records that an item is about to be sent to X, and commits it before the call: if the
 * process dies during the call, the next run finds this `pending` attempt and reconciles.
 *
 * @example
 * const attemptId = await startAttempt(db, { postId, itemPosition: 0, jobId, now });
 */
export async function startAttempt(db: Executor, input: { postId: string; itemPosition: number; jobId: string; now: Date }): Promise<string> {
  const [row] = await db
    .insert(publishAttempts)
    .values({ postId: input.postId, itemPosition: input.itemPosition, jobId: input.jobId, startedAt: input.now })
    .returning({ id: publishAttempts.id });
  return row!.id;
}

/**
 * Records how an attempt ended.
 *
 * @example
 * await finishAttempt(db, attemptId, { status: 'failed', now, errorKind: 'permanent', errorMessage });
 */
export async function finishAttempt(
  db: Executor,
  attemptId: string,
  outcome: { status: AttemptStatus; now: Date; xPostId?: string; errorKind?: string; errorMessage?: string },
): Promise<void> {
  await db
    .update(publishAttempts)
    .set({
      status: outcome.status,
      finishedAt: outcome.now,
      xPostId: outcome.xPostId ?? null,
      errorKind: outcome.errorKind ?? null,
      errorMessage: outcome.errorMessage ?? null,
    })
    .where(eq(publishAttempts.id, attemptId));
}

/**
 * Settles every unresolved attempt of an item once the timeline has answered.
 *
 * @example
 * await resolveAttempts(db, { postId, itemPosition, status: 'found_on_timeline', xPostId, now });
 */
export async function resolveAttempts(
  db: Executor,
  input: { postId: string; itemPosition: number; status: 'found_on_timeline' | 'not_on_timeline'; xPostId?: string; now: Date },
): Promise<void> {
  await db
    .update(publishAttempts)
    .set({ status: input.status, xPostId: input.xPostId ?? null, finishedAt: input.now })
    .where(
      and(
        eq(publishAttempts.postId, input.postId),
        eq(publishAttempts.itemPosition, input.itemPosition),
        inArray(publishAttempts.status, ['pending', 'outcome_unknown']),
      ),
    );
}
