import { and, eq } from 'drizzle-orm';
import { workflows, type Executor } from '@tweetflow/db';
import { DomainError } from '../../errors';

/**
 * The workflow, if it is in the workspace; a not-found error otherwise (also for other
 * workspaces' workflows, so their existence does not leak).
 *
 * @example
 * const workflow = await findWorkflow(db, workspaceId, workflowId);
 */
export async function findWorkflow(db: Executor, workspaceId: string, workflowId: string, options: { lock?: boolean } = {}) {
  const query = db
    .select()
    .from(workflows)
    .where(and(eq(workflows.id, workflowId), eq(workflows.workspaceId, workspaceId)));
  // Locked (inside a transaction) when the caller changes the workflow or numbers a version.
  const [workflow] = options.lock ? await query.for('update') : await query;
  if (!workflow) throw new DomainError('not_found', 'That workflow does not exist in this workspace (it may have been deleted).');
  return workflow;
}
