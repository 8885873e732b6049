import { and, count, eq, isNotNull } from 'drizzle-orm';
import type { Config } from '@tweetflow/config';
import { posts, workflows, xAccounts, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';

export type WorkspaceCapSettings = Pick<
  Config,
  'WORKSPACE_MAX_X_ACCOUNTS' | 'WORKSPACE_MAX_ACTIVE_WORKFLOWS' | 'WORKSPACE_MAX_SCHEDULED_POSTS'
>;

/** What the operator caps per workspace: how to count it and how to name it. */
const CAPS = {
  xAccounts: {
    setting: 'WORKSPACE_MAX_X_ACCOUNTS',
    noun: 'connected X accounts',
    advice: 'Disconnect one before connecting another.',
    count: (db: Executor, workspaceId: string) => db.select({ n: count() }).from(xAccounts).where(eq(xAccounts.workspaceId, workspaceId)),
  },
  activeWorkflows: {
    setting: 'WORKSPACE_MAX_ACTIVE_WORKFLOWS',
    noun: 'active workflows',
    advice: 'Deactivate one before activating another.',
    count: (db: Executor, workspaceId: string) =>
      db
        .select({ n: count() })
        .from(workflows)
        .where(and(eq(workflows.workspaceId, workspaceId), isNotNull(workflows.activeVersionId))),
  },
  scheduledPosts: {
    setting: 'WORKSPACE_MAX_SCHEDULED_POSTS',
    noun: 'scheduled posts',
    advice: 'Let some publish, or unschedule some, before scheduling more.',
    count: (db: Executor, workspaceId: string) =>
      db
        .select({ n: count() })
        .from(posts)
        .where(and(eq(posts.workspaceId, workspaceId), eq(posts.status, 'scheduled'))),
  },
} as const;

export type WorkspaceCap = keyof typeof CAPS;

/**
 * Refuses to add `adding` more of something to a workspace beyond the operator's cap
 * (`WORKSPACE_MAX_*`; 0 means no cap), with a `too_many_requests` DomainError that says
 * what to do. Waiting does not help here, so the error carries no retry time.
 *
 * @example
 * await assertWorkspaceCap(db, config, workspaceId, 'activeWorkflows');
 */
export async function assertWorkspaceCap(
  db: Executor,
  settings: WorkspaceCapSettings,
  workspaceId: string,
  cap: WorkspaceCap,
  adding = 1,
): Promise<void> {
  const { setting, noun, advice, count: countRows } = CAPS[cap];
  const max = settings[setting];
  if (max === 0) return;
  const [row] = await countRows(db, workspaceId);
  const current = row?.n ?? 0;
  if (current + adding <= max) return;
  throw new DomainError(
    'too_many_requests',
    `This workspace has ${current} ${noun}; this server allows at most ${max}. ${advice}`,
  );
}

/**
 * Before connecting an X account: reconnecting one the workspace already has is always
 * allowed (it only renews tokens); a new one must fit under the cap.
 *
 * @example
 * await assertCanConnectXAccount(db, config, workspaceId, profile.id);
 */
export async function assertCanConnectXAccount(db: Executor, settings: WorkspaceCapSettings, workspaceId: string, xUserId: string): Promise<void> {
  const [existing] = await db
    .select({ id: xAccounts.id })
    .from(xAccounts)
    .where(and(eq(xAccounts.workspaceId, workspaceId), eq(xAccounts.xUserId, xUserId)));
  if (!existing) await assertWorkspaceCap(db, settings, workspaceId, 'xAccounts');
}
