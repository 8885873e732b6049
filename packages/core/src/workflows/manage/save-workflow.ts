import { desc, eq } from 'drizzle-orm';
import { workflows, workflowVersions, type Executor } from '@tweetflow/db';
import { validateWorkflow, type WorkflowProblem } from '@tweetflow/workflows';
import { generateSecretToken, hashSecretToken } from '../../auth/tokens';
import { DomainError } from '../../errors';
import { listXAccountIds } from '../../x-accounts/list-x-accounts';
import type { WorkflowDeps } from '../workflow-deps';
import { findWorkflow } from './workflow-access';

/** Large enough for 200 nodes with long texts; larger is surely a mistake. */
const MAX_DEFINITION_BYTES = 512 * 1024;

export type SavedVersion = { workflowId: string; versionId: string; version: number; problems: WorkflowProblem[] };

/**
 * Creates a workflow with its first version. A definition with problems is saved anyway
 * (work in progress is never lost) and its problems returned; only activation and runs
 * require a valid version.
 *
 * @example
 * const { workflowId, problems } = await createWorkflow(db, deps, { workspaceId, userId, name: 'Launch', definition });
 */
export async function createWorkflow(
  db: Executor,
  deps: Pick<WorkflowDeps, 'xAccounts' | 'clock'>,
  input: { workspaceId: string; userId: string; name: string; description?: string; definition: unknown },
): Promise<SavedVersion> {
  const { problems, definition } = await normalizeDefinition(db, input.workspaceId, input.definition);
  const token = generateSecretToken();
  return db.transaction(async (tx) => {
    const [workflow] = await tx
      .insert(workflows)
      .values({
        workspaceId: input.workspaceId,
        name: input.name,
        description: input.description ?? '',
        webhookTokenHash: hashSecretToken(token),
        webhookTokenCiphertext: deps.xAccounts.keyring.encrypt(token),
        createdByUserId: input.userId,
      })
      .returning({ id: workflows.id });
    const [version] = await tx
      .insert(workflowVersions)
      .values({ workflowId: workflow!.id, version: 1, definition, createdByUserId: input.userId })
      .returning({ id: workflowVersions.id });
    return { workflowId: workflow!.id, versionId: version!.id, version: 1, problems };
  });
}

/**
 * Saves a new immutable version of a workflow; earlier versions stay as they were.
 *
 * @example
 * const { version, problems } = await saveWorkflowVersion(db, deps, { workspaceId, workflowId, userId, definition, note: 'shorter text' });
 */
export async function saveWorkflowVersion(
  db: Executor,
  deps: Pick<WorkflowDeps, 'clock'>,
  input: { workspaceId: string; workflowId: string; userId: string; definition: unknown; note?: string },
): Promise<SavedVersion> {
  const { problems, definition } = await normalizeDefinition(db, input.workspaceId, input.definition);
  return db.transaction(async (tx) => {
    // Locked, so two saves cannot take the same version number.
    await findWorkflow(tx, input.workspaceId, input.workflowId, { lock: true });
    const [latest] = await tx
      .select({ version: workflowVersions.version })
      .from(workflowVersions)
      .where(eq(workflowVersions.workflowId, input.workflowId))
      .orderBy(desc(workflowVersions.version))
      .limit(1);
    const version = (latest?.version ?? 0) + 1;
    const [row] = await tx
      .insert(workflowVersions)
      .values({ workflowId: input.workflowId, version, definition, note: input.note ?? '', createdByUserId: input.userId })
      .returning({ id: workflowVersions.id });
    await tx.update(workflows).set({ updatedAt: deps.clock.now() }).where(eq(workflows.id, input.workflowId));
    return { workflowId: input.workflowId, versionId: row!.id, version, problems };
  });
}

/**
 * Every problem of a definition against the workspace's accounts.
 *
 * @example
 * const problems = await checkDefinition(db, workspaceId, definition);
 */
export async function checkDefinition(db: Executor, workspaceId: string, definition: unknown): Promise<WorkflowProblem[]> {
  return (await normalizeDefinition(db, workspaceId, definition)).problems;
}

/**
 * The definition as it is stored: with defaults filled in when it is valid (so every
 * stored version is complete and exports carry their schema version), as given otherwise.
 */
async function normalizeDefinition(
  db: Executor,
  workspaceId: string,
  definition: unknown,
): Promise<{ problems: WorkflowProblem[]; definition: Record<string, unknown> }> {
  if (typeof definition !== 'object' || definition === null || Array.isArray(definition)) {
    throw new DomainError('bad_request', 'A workflow definition must be a JSON object with a trigger, nodes and edges.');
  }
  if (JSON.stringify(definition).length > MAX_DEFINITION_BYTES) {
    throw new DomainError('bad_request', `The workflow is larger than ${MAX_DEFINITION_BYTES / 1024} KB; split it into smaller workflows.`);
  }
  const accountIds = await listXAccountIds(db, workspaceId);
  const checked = validateWorkflow(definition, { accountIds });
  return checked.ok
    ? { problems: [], definition: checked.definition as unknown as Record<string, unknown> }
    : { problems: checked.problems, definition: definition as Record<string, unknown> };
}
