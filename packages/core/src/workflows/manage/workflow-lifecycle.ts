import { desc, eq } from 'drizzle-orm';
import { workflows, workflowVersions, xAccounts, type Executor } from '@tweetflow/db';
import { exportWorkflow, parseWorkflowFile, WORKFLOW_TEMPLATES, type WorkflowFile, type WorkflowProblem } from '@tweetflow/workflows';
import { generateSecretToken, hashSecretToken } from '../../auth/tokens';
import { DomainError } from '../../errors';
import type { WorkflowDeps } from '../workflow-deps';
import { createWorkflow, type SavedVersion } from './save-workflow';
import { findWorkflow } from './workflow-access';

/**
 * Renames a workflow or changes its description.
 *
 * @example
 * await updateWorkflowDetails(db, clock, { workspaceId, workflowId, name: 'Launch day' });
 */
export async function updateWorkflowDetails(
  db: Executor,
  clock: WorkflowDeps['clock'],
  input: { workspaceId: string; workflowId: string; name?: string; description?: string },
): Promise<void> {
  await findWorkflow(db, input.workspaceId, input.workflowId);
  await db
    .update(workflows)
    .set({ ...(input.name ? { name: input.name } : {}), ...(input.description !== undefined ? { description: input.description } : {}), updatedAt: clock.now() })
    .where(eq(workflows.id, input.workflowId));
}

/**
 * Deletes a workflow with its versions and runs; its waiting jobs stand down.
 *
 * @example
 * await deleteWorkflow(db, { workspaceId, workflowId });
 */
export async function deleteWorkflow(db: Executor, input: { workspaceId: string; workflowId: string }): Promise<void> {
  await findWorkflow(db, input.workspaceId, input.workflowId);
  await db.delete(workflows).where(eq(workflows.id, input.workflowId));
}

/**
 * A copy of the workflow's latest version as a new, inactive workflow.
 *
 * @example
 * const copy = await duplicateWorkflow(db, deps, { workspaceId, workflowId, userId });
 */
export async function duplicateWorkflow(
  db: Executor,
  deps: Pick<WorkflowDeps, 'xAccounts' | 'clock'>,
  input: { workspaceId: string; workflowId: string; userId: string },
): Promise<SavedVersion> {
  const workflow = await findWorkflow(db, input.workspaceId, input.workflowId);
  const [latest] = await db.select().from(workflowVersions).where(eq(workflowVersions.workflowId, workflow.id)).orderBy(desc(workflowVersions.version)).limit(1);
  return createWorkflow(db, deps, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    name: `${workflow.name} (copy)`,
    description: workflow.description,
    definition: latest?.definition ?? {},
  });
}

/**
 * A new secret webhook URL (the old one stops working at once); returns the new URL.
 *
 * @example
 * const { url } = await rotateWebhookUrl(db, deps, { workspaceId, workflowId });
 */
export async function rotateWebhookUrl(db: Executor, deps: Pick<WorkflowDeps, 'xAccounts' | 'publicUrl'>, input: { workspaceId: string; workflowId: string }) {
  await findWorkflow(db, input.workspaceId, input.workflowId);
  const token = generateSecretToken();
  await db
    .update(workflows)
    .set({ webhookTokenHash: hashSecretToken(token), webhookTokenCiphertext: deps.xAccounts.keyring.encrypt(token) })
    .where(eq(workflows.id, input.workflowId));
  return { url: `${deps.publicUrl}/hooks/${token}` };
}

/**
 * A new signing secret for webhook signatures; shown once, stored encrypted.
 *
 * @example
 * const { secret } = await createWebhookSecret(db, deps, { workspaceId, workflowId });
 */
export async function createWebhookSecret(db: Executor, deps: Pick<WorkflowDeps, 'xAccounts'>, input: { workspaceId: string; workflowId: string }) {
  await findWorkflow(db, input.workspaceId, input.workflowId);
  const secret = generateSecretToken();
  await db.update(workflows).set({ webhookSecretCiphertext: deps.xAccounts.keyring.encrypt(secret) }).where(eq(workflows.id, input.workflowId));
  return { secret };
}

/**
 * The workflow as a file to download: its latest version, and the usernames of the
 * accounts it uses so an import elsewhere can map them.
 *
 * @example
 * const file = await exportWorkflowFile(db, { workspaceId, workflowId });
 */
export async function exportWorkflowFile(db: Executor, input: { workspaceId: string; workflowId: string }): Promise<WorkflowFile> {
  const workflow = await findWorkflow(db, input.workspaceId, input.workflowId);
  const [latest] = await db.select().from(workflowVersions).where(eq(workflowVersions.workflowId, workflow.id)).orderBy(desc(workflowVersions.version)).limit(1);
  const accounts = await db.select({ id: xAccounts.id, username: xAccounts.username }).from(xAccounts).where(eq(xAccounts.workspaceId, input.workspaceId));
  return exportWorkflow({
    name: workflow.name,
    description: workflow.description,
    definition: (latest?.definition ?? {}) as never,
    accounts: Object.fromEntries(accounts.map((account) => [account.id, account.username])),
  });
}

/**
 * Imports a workflow file: maps its accounts to this workspace's by username, validates,
 * and creates an inactive workflow — or returns every problem and creates nothing.
 *
 * @example
 * const result = await importWorkflowFile(db, deps, { workspaceId, userId, file });
 */
export async function importWorkflowFile(
  db: Executor,
  deps: Pick<WorkflowDeps, 'xAccounts' | 'clock'>,
  input: { workspaceId: string; userId: string; file: unknown },
): Promise<{ ok: true; saved: SavedVersion } | { ok: false; problems: WorkflowProblem[] }> {
  const accounts = await db.select({ id: xAccounts.id, username: xAccounts.username }).from(xAccounts).where(eq(xAccounts.workspaceId, input.workspaceId));
  const parsed = parseWorkflowFile(input.file, { accountsByUsername: Object.fromEntries(accounts.map((account) => [account.username.toLowerCase(), account.id])) });
  if (!parsed.ok) return parsed;
  const saved = await createWorkflow(db, deps, { workspaceId: input.workspaceId, userId: input.userId, name: parsed.name, description: parsed.description, definition: parsed.definition });
  return { ok: true, saved };
}

/**
 * Creates a workflow from a template, for one of the workspace's accounts.
 *
 * @example
 * await createFromTemplate(db, deps, { workspaceId, userId, templateId: 'daily-post', accountId });
 */
export async function createFromTemplate(
  db: Executor,
  deps: Pick<WorkflowDeps, 'xAccounts' | 'clock'>,
  input: { workspaceId: string; userId: string; templateId: string; accountId: string; name?: string },
): Promise<SavedVersion> {
  const template = WORKFLOW_TEMPLATES.find((candidate) => candidate.id === input.templateId);
  if (!template) throw new DomainError('not_found', `There is no template "${input.templateId}".`);
  return createWorkflow(db, deps, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    name: input.name ?? template.name,
    description: template.description,
    definition: template.build({ accountId: input.accountId }),
  });
}
