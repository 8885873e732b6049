import { eq } from 'drizzle-orm';
import { workspaces, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';

/**
 * The zone a workspace's analytics days and reports are counted in.
 *
 * @example
 * await workspaceTimezone(db, workspaceId); // 'Europe/Berlin'
 */
export async function workspaceTimezone(db: Executor, workspaceId: string): Promise<string> {
  const [workspace] = await db.select({ timezone: workspaces.timezone }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new DomainError('not_found', 'That workspace does not exist.');
  return workspace.timezone;
}
