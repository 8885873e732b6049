import { and, eq } from 'drizzle-orm';
import { erasureRequests, type Database } from '@tweetflow/db';
import { recordAudit, type RequestClient } from '../audit/record-audit';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';

/**
 * Undoes a scheduled deletion during its grace period: the request goes, so its job finds
 * nothing to do when it runs. Once erasing has begun there is nothing left to undo.
 *
 * @example
 * await cancelErasure(db, clock, { subject: { workspaceId }, userId, client });
 */
export async function cancelErasure(
  db: Database,
  clock: Clock,
  input: { subject: { userId: string } | { workspaceId: string }; userId: string; client?: RequestClient | null },
): Promise<void> {
  const isWorkspace = 'workspaceId' in input.subject;
  const match = 'workspaceId' in input.subject ? eq(erasureRequests.workspaceId, input.subject.workspaceId) : eq(erasureRequests.userId, input.subject.userId);
  await db.transaction(async (tx) => {
    const [request] = await tx.select({ status: erasureRequests.status }).from(erasureRequests).where(match).for('update');
    if (!request) throw new DomainError('not_found', `${isWorkspace ? 'This workspace' : 'Your account'} is not scheduled for deletion.`);
    if (request.status !== 'scheduled') throw new DomainError('conflict', 'Deleting has already started and cannot be undone.');
    await tx.delete(erasureRequests).where(and(match, eq(erasureRequests.status, 'scheduled')));
    await recordAudit(tx, {
      action: isWorkspace ? 'workspace.deletion_cancelled' : 'account.deletion_cancelled',
      at: clock.now(),
      actor: { userId: input.userId, kind: 'session' },
      workspaceId: 'workspaceId' in input.subject ? input.subject.workspaceId : null,
      client: input.client,
    });
  });
}
