import { and, desc, eq, gte, ilike, inArray, sql } from 'drizzle-orm';
import { workflowRuns, workflows, workflowVersions, type Executor } from '@tweetflow/db';
import { diffDefinitions, nextTriggerTimes, workflowDefinitionSchema, type WorkflowChange } from '@tweetflow/workflows';
import { DomainError } from '../../errors';
import type { WorkflowDeps } from '../workflow-deps';
import { findWorkflow } from './workflow-access';

export type WorkflowSummary = {
  id: string;
  name: string;
  description: string;
  active: boolean;
  activeVersion: number | null;
  latestVersion: number;
  triggerType: string | null;
  lastRun: { id: string; status: string; at: Date } | null;
  failures24h: number;
  nextRunAt: Date | null;
  updatedAt: Date;
};

/**
 * The workspace's workflows for the list page: active or not, last run, failures in the
 * last 24 hours and the next scheduled run. A fixed number of queries for any count.
 *
 * @example
 * const list = await listWorkflows(db, clock, { workspaceId, search: 'launch' });
 */
export async function listWorkflows(db: Executor, clock: WorkflowDeps['clock'], input: { workspaceId: string; search?: string }): Promise<WorkflowSummary[]> {
  const rows = await db
    .select()
    .from(workflows)
    .where(and(eq(workflows.workspaceId, input.workspaceId), ...(input.search ? [ilike(workflows.name, `%${input.search.replace(/[%_\\]/g, '\\$&')}%`)] : [])))
    .orderBy(desc(workflows.updatedAt));
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const versions = await db
    .selectDistinctOn([workflowVersions.workflowId], { workflowId: workflowVersions.workflowId, version: workflowVersions.version, definition: workflowVersions.definition })
    .from(workflowVersions)
    .where(inArray(workflowVersions.workflowId, ids))
    .orderBy(workflowVersions.workflowId, desc(workflowVersions.version));
  const activeIds = rows.flatMap((row) => (row.activeVersionId ? [row.activeVersionId] : []));
  const active = activeIds.length === 0 ? [] : await db.select().from(workflowVersions).where(inArray(workflowVersions.id, activeIds));
  const lastRuns = await db
    .selectDistinctOn([workflowRuns.workflowId], { workflowId: workflowRuns.workflowId, id: workflowRuns.id, status: workflowRuns.status, at: workflowRuns.createdAt })
    .from(workflowRuns)
    .where(and(inArray(workflowRuns.workflowId, ids), eq(workflowRuns.dryRun, false)))
    .orderBy(workflowRuns.workflowId, desc(workflowRuns.createdAt));
  const now = clock.now();
  const failures = await db
    .select({ workflowId: workflowRuns.workflowId, count: sql<number>`count(*)::int` })
    .from(workflowRuns)
    .where(and(inArray(workflowRuns.workflowId, ids), eq(workflowRuns.status, 'failed'), gte(workflowRuns.createdAt, new Date(now.getTime() - 86_400_000))))
    .groupBy(workflowRuns.workflowId);
  const latestBy = new Map(versions.map((version) => [version.workflowId, version]));
  const activeBy = new Map(active.map((version) => [version.id, version]));
  const lastRunBy = new Map(lastRuns.map((run) => [run.workflowId, run]));
  const failuresBy = new Map(failures.map((row) => [row.workflowId, row.count]));
  return rows.map((row) => {
    const activeVersion = row.activeVersionId ? activeBy.get(row.activeVersionId) : undefined;
    const shown = activeVersion ?? latestBy.get(row.id);
    const parsed = workflowDefinitionSchema.safeParse(shown?.definition);
    const lastRun = lastRunBy.get(row.id);
    return {
      id: row.id,
      name: row.name,
      description: row.description,
      active: Boolean(activeVersion),
      activeVersion: activeVersion?.version ?? null,
      latestVersion: latestBy.get(row.id)?.version ?? 0,
      triggerType: parsed.success ? parsed.data.trigger.type : null,
      lastRun: lastRun ? { id: lastRun.id, status: lastRun.status, at: lastRun.at } : null,
      failures24h: failuresBy.get(row.id) ?? 0,
      nextRunAt: activeVersion && parsed.success ? (nextTriggerTimes(parsed.data.trigger, now, 1)[0] ?? null) : null,
      updatedAt: row.updatedAt,
    };
  });
}

/**
 * One workflow with its latest version's definition and, for editors, its webhook URL.
 *
 * @example
 * const workflow = await getWorkflow(db, deps, { workspaceId, workflowId, canEdit: true });
 */
export async function getWorkflow(
  db: Executor,
  deps: Pick<WorkflowDeps, 'xAccounts' | 'publicUrl'>,
  input: { workspaceId: string; workflowId: string; canEdit: boolean },
) {
  const workflow = await findWorkflow(db, input.workspaceId, input.workflowId);
  const [latest] = await db
    .select()
    .from(workflowVersions)
    .where(eq(workflowVersions.workflowId, workflow.id))
    .orderBy(desc(workflowVersions.version))
    .limit(1);
  return {
    id: workflow.id,
    name: workflow.name,
    description: workflow.description,
    activeVersionId: workflow.activeVersionId,
    latestVersion: latest ? { id: latest.id, version: latest.version, definition: latest.definition, note: latest.note, createdAt: latest.createdAt } : null,
    webhook: input.canEdit
      ? { url: `${deps.publicUrl}/hooks/${deps.xAccounts.keyring.decrypt(workflow.webhookTokenCiphertext)}`, hasSigningSecret: workflow.webhookSecretCiphertext !== null }
      : null,
    createdAt: workflow.createdAt,
    updatedAt: workflow.updatedAt,
  };
}

/**
 * Every version of a workflow, newest first: who saved it, when, and the note.
 *
 * @example
 * const versions = await listVersions(db, { workspaceId, workflowId });
 */
export async function listVersions(db: Executor, input: { workspaceId: string; workflowId: string }) {
  const workflow = await findWorkflow(db, input.workspaceId, input.workflowId);
  const rows = await db
    .select({ id: workflowVersions.id, version: workflowVersions.version, note: workflowVersions.note, createdByUserId: workflowVersions.createdByUserId, createdAt: workflowVersions.createdAt })
    .from(workflowVersions)
    .where(eq(workflowVersions.workflowId, workflow.id))
    .orderBy(desc(workflowVersions.version));
  return rows.map((row) => ({ ...row, active: row.id === workflow.activeVersionId }));
}

/**
 * One version's definition.
 *
 * @example
 * const { definition } = await getVersion(db, { workspaceId, workflowId, versionId });
 */
export async function getVersion(db: Executor, input: { workspaceId: string; workflowId: string; versionId: string }) {
  await findWorkflow(db, input.workspaceId, input.workflowId);
  const [version] = await db
    .select()
    .from(workflowVersions)
    .where(and(eq(workflowVersions.id, input.versionId), eq(workflowVersions.workflowId, input.workflowId)));
  if (!version) throw new DomainError('not_found', 'That version of the workflow does not exist.');
  return version;
}

/**
 * What changed between two versions, as readable changes.
 *
 * @example
 * const changes = await diffVersions(db, { workspaceId, workflowId, fromVersionId, toVersionId });
 */
export async function diffVersions(
  db: Executor,
  input: { workspaceId: string; workflowId: string; fromVersionId: string; toVersionId: string },
): Promise<WorkflowChange[]> {
  const [before, after] = await Promise.all([
    getVersion(db, { ...input, versionId: input.fromVersionId }),
    getVersion(db, { ...input, versionId: input.toVersionId }),
  ]);
  const parse = (version: typeof before) => {
    const parsed = workflowDefinitionSchema.safeParse(version.definition);
    if (!parsed.success) throw new DomainError('bad_request', `Version ${version.version} has problems, so it cannot be compared; fix and save it first.`);
    return parsed.data;
  };
  return diffDefinitions(parse(before), parse(after));
}

