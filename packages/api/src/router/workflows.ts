import type { TRPCRouterRecord } from '@trpc/server';
import {
  activateWorkflow,
  checkDefinition,
  continueRun,
  createFromTemplate,
  createWebhookSecret,
  createWorkflow,
  deactivateWorkflow,
  deleteWorkflow,
  diffVersions,
  duplicateWorkflow,
  exportWorkflowFile,
  getRun,
  getVersion,
  getWorkflow,
  importWorkflowFile,
  listRuns,
  listVersions,
  listWorkflows,
  rotateWebhookUrl,
  runWorkflowNow,
  saveWorkflowVersion,
  stopRun,
  updateWorkflowDetails,
  workflowInsights,
} from '@tweetflow/core';
import { NODE_CATALOG, TRIGGER_CATALOG, WORKFLOW_TEMPLATES, nextTriggerTimes, triggerSchema, workflowDefinitionJsonSchema } from '@tweetflow/workflows';
import { assertWorkspaceCap, roleAllows } from '@tweetflow/core';
import { z } from 'zod';
import { auditAs } from '../audit-context';
import { protectedProcedure, workspaceProcedure } from '../trpc';
import { nameInput } from './inputs';

const workflowId = z.uuid({ error: 'must be a workflow id' });
const versionId = z.uuid({ error: 'must be a version id' });
const runId = z.uuid({ error: 'must be a run id' });
const definition = z.record(z.string(), z.unknown(), { error: 'must be a workflow definition (a JSON object)' });
const isTimeZone = (zone: string) => Intl.supportedValuesOf('timeZone').includes(zone) || zone === 'UTC';
const runStatus = z.enum(['queued', 'running', 'waiting', 'paused', 'succeeded', 'failed', 'cancelled', 'skipped']);

export const workflowsRouter = {
  /** The workspace's workflows with status, last run, failures in 24 h and next run. */
  list: workspaceProcedure('viewer')
    .input(z.object({ search: z.string().max(100).optional() }))
    .query(({ ctx, input }) => listWorkflows(ctx.db, ctx.clock, { workspaceId: ctx.workspace.id, ...(input.search ? { search: input.search } : {}) })),

  /** One workflow, its latest version and (for editors) its webhook URL. */
  get: workspaceProcedure('viewer')
    .input(z.object({ workflowId }))
    .query(({ ctx, input }) =>
      getWorkflow(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, workflowId: input.workflowId, canEdit: roleAllows(ctx.workspace.role, 'editor') }),
    ),

  /** Every problem of a definition (node id and field each), without saving it. */
  validate: workspaceProcedure('editor')
    .input(z.object({ definition }))
    .mutation(async ({ ctx, input }) => ({ problems: await checkDefinition(ctx.db, ctx.workspace.id, input.definition) })),

  create: workspaceProcedure('editor')
    .input(z.object({ name: nameInput('The name'), description: z.string().max(500).optional(), definition }))
    .mutation(async ({ ctx, input }) => {
      const saved = await createWorkflow(ctx.db, ctx.workflows, {
        workspaceId: ctx.workspace.id,
        userId: ctx.caller.userId,
        name: input.name,
        definition: input.definition,
        ...(input.description !== undefined ? { description: input.description } : {}),
      });
      await auditWorkflow(ctx, 'workflow.created', saved.workflowId, { name: input.name });
      return saved;
    }),

  /** Saves a new immutable version; returns its number and any problems. */
  save: workspaceProcedure('editor')
    .input(z.object({ workflowId, definition, note: z.string().max(200).optional() }))
    .mutation(async ({ ctx, input }) => {
      const saved = await saveWorkflowVersion(ctx.db, ctx.workflows, {
        workspaceId: ctx.workspace.id,
        workflowId: input.workflowId,
        userId: ctx.caller.userId,
        definition: input.definition,
        ...(input.note ? { note: input.note } : {}),
      });
      await auditWorkflow(ctx, 'workflow.edited', input.workflowId, { version: saved.version });
      return saved;
    }),

  rename: workspaceProcedure('editor')
    .input(z.object({ workflowId, name: nameInput('The name').optional(), description: z.string().max(500).optional() }))
    .mutation(({ ctx, input }) => updateWorkflowDetails(ctx.db, ctx.clock, { ...input, workspaceId: ctx.workspace.id })),

  delete: workspaceProcedure('editor')
    .input(z.object({ workflowId }))
    .mutation(async ({ ctx, input }) => {
      await deleteWorkflow(ctx.db, { workspaceId: ctx.workspace.id, workflowId: input.workflowId });
      await auditWorkflow(ctx, 'workflow.deleted', input.workflowId);
    }),

  duplicate: workspaceProcedure('editor')
    .input(z.object({ workflowId }))
    .mutation(async ({ ctx, input }) => {
      const saved = await duplicateWorkflow(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, workflowId: input.workflowId, userId: ctx.caller.userId });
      await auditWorkflow(ctx, 'workflow.created', saved.workflowId, { duplicateOf: input.workflowId });
      return saved;
    }),

  versions: workspaceProcedure('viewer')
    .input(z.object({ workflowId }))
    .query(({ ctx, input }) => listVersions(ctx.db, { workspaceId: ctx.workspace.id, workflowId: input.workflowId })),

  version: workspaceProcedure('viewer')
    .input(z.object({ workflowId, versionId }))
    .query(({ ctx, input }) => getVersion(ctx.db, { ...input, workspaceId: ctx.workspace.id })),

  diff: workspaceProcedure('viewer')
    .input(z.object({ workflowId, fromVersionId: versionId, toVersionId: versionId }))
    .query(({ ctx, input }) => diffVersions(ctx.db, { ...input, workspaceId: ctx.workspace.id })),

  /** Pins a version (the latest by default) and registers its trigger; an older version rolls back. */
  activate: workspaceProcedure('editor')
    .input(z.object({ workflowId, versionId: versionId.optional() }))
    .mutation(async ({ ctx, input }) => {
      const workflow = await getWorkflow(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, workflowId: input.workflowId, canEdit: false });
      // Switching the active version of an active workflow does not add one.
      if (!workflow.activeVersionId) await assertWorkspaceCap(ctx.db, ctx.config, ctx.workspace.id, 'activeWorkflows');
      const activated = await activateWorkflow(ctx.db, ctx.workflows, {
        workspaceId: ctx.workspace.id,
        workflowId: input.workflowId,
        ...(input.versionId ? { versionId: input.versionId } : {}),
      });
      await auditWorkflow(ctx, 'workflow.activated', input.workflowId, { version: activated.version });
      return activated;
    }),

  deactivate: workspaceProcedure('editor')
    .input(z.object({ workflowId }))
    .mutation(async ({ ctx, input }) => {
      await deactivateWorkflow(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, workflowId: input.workflowId });
      await auditWorkflow(ctx, 'workflow.deactivated', input.workflowId);
    }),

  /** Runs now: the active version, or any version as a dry run (nothing reaches X), with breakpoints. */
  run: workspaceProcedure('editor')
    .input(
      z.object({
        workflowId,
        input: z.unknown().optional(),
        dryRun: z.boolean().default(false),
        versionId: versionId.optional(),
        breakpoints: z.array(z.string().max(48)).max(200).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      runWorkflowNow(ctx.db, ctx.workflows, {
        workspaceId: ctx.workspace.id,
        workflowId: input.workflowId,
        userId: ctx.caller.userId,
        dryRun: input.dryRun,
        ...(input.input !== undefined ? { input: input.input } : {}),
        ...(input.versionId ? { versionId: input.versionId } : {}),
        ...(input.breakpoints ? { breakpoints: input.breakpoints } : {}),
      }),
    ),

  /** Run history: newest first, filtered by status, paged. */
  runs: workspaceProcedure('viewer')
    .input(z.object({ workflowId: workflowId.optional(), statuses: z.array(runStatus).optional(), limit: z.number().int().min(1).max(200).optional(), cursor: z.uuid().nullish() }))
    .query(({ ctx, input }) => listRuns(ctx.db, { ...input, workspaceId: ctx.workspace.id })),

  /** Runs per day, success rate, median and p95 duration and each node's step times, over the last days. */
  insights: workspaceProcedure('viewer')
    .input(z.object({ workflowId, days: z.number().int().min(1).max(90).default(30), timezone: z.string().refine(isTimeZone, { error: 'must be an IANA time zone' }).default('UTC') }))
    .query(({ ctx, input }) => workflowInsights(ctx.db, ctx.clock, { ...input, workspaceId: ctx.workspace.id })),

  /** One run with each step's input, output, error and timing. */
  runDetail: workspaceProcedure('viewer')
    .input(z.object({ runId }))
    .query(({ ctx, input }) => getRun(ctx.db, { workspaceId: ctx.workspace.id, runId: input.runId })),

  continueRun: workspaceProcedure('editor')
    .input(z.object({ runId }))
    .mutation(({ ctx, input }) => continueRun(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, runId: input.runId })),

  stopRun: workspaceProcedure('editor')
    .input(z.object({ runId }))
    .mutation(({ ctx, input }) => stopRun(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, runId: input.runId })),

  /** A new secret webhook URL; the old one stops working. */
  rotateWebhookUrl: workspaceProcedure('editor')
    .input(z.object({ workflowId }))
    .mutation(({ ctx, input }) => rotateWebhookUrl(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, workflowId: input.workflowId })),

  /** A new HMAC signing secret for the webhook, shown this once. */
  createWebhookSecret: workspaceProcedure('editor', { sessionOnly: true })
    .input(z.object({ workflowId }))
    .mutation(({ ctx, input }) => createWebhookSecret(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, workflowId: input.workflowId })),

  export: workspaceProcedure('viewer')
    .input(z.object({ workflowId }))
    .query(({ ctx, input }) => exportWorkflowFile(ctx.db, { workspaceId: ctx.workspace.id, workflowId: input.workflowId })),

  /** Imports a workflow file: creates it inactive, or returns every problem and creates nothing. */
  import: workspaceProcedure('editor')
    .input(z.object({ file: z.unknown() }))
    .mutation(async ({ ctx, input }) => {
      const result = await importWorkflowFile(ctx.db, ctx.workflows, { workspaceId: ctx.workspace.id, userId: ctx.caller.userId, file: input.file });
      if (result.ok) await auditWorkflow(ctx, 'workflow.created', result.saved.workflowId, { imported: true });
      return result;
    }),

  templates: protectedProcedure.query(() => WORKFLOW_TEMPLATES.map(({ id, name, description }) => ({ id, name, description }))),

  fromTemplate: workspaceProcedure('editor')
    .input(z.object({ templateId: z.string().max(100), accountId: z.uuid({ error: 'choose an X account' }), name: nameInput('The name').optional() }))
    .mutation(async ({ ctx, input }) => {
      const saved = await createFromTemplate(ctx.db, ctx.workflows, { ...input, workspaceId: ctx.workspace.id, userId: ctx.caller.userId });
      await auditWorkflow(ctx, 'workflow.created', saved.workflowId, { template: input.templateId });
      return saved;
    }),

  /** Node and trigger types with their parameter JSON Schemas, for the editor's panels. */
  catalog: protectedProcedure.query(() => ({ nodes: NODE_CATALOG, triggers: TRIGGER_CATALOG, schema: workflowDefinitionJsonSchema })),

  /** The next times a schedule trigger would fire, for the cron editor's preview. */
  previewTrigger: protectedProcedure
    .input(z.object({ trigger: triggerSchema, count: z.number().int().min(1).max(20).default(5) }))
    .query(({ ctx, input }) => nextTriggerTimes(input.trigger, ctx.clock.now(), input.count)),
} satisfies TRPCRouterRecord;

/** Every change to a workflow's definition or state goes into the workspace's audit log. */
function auditWorkflow(
  ctx: Parameters<typeof auditAs>[0] & { workspace: { id: string } },
  action: 'workflow.created' | 'workflow.edited' | 'workflow.activated' | 'workflow.deactivated' | 'workflow.deleted',
  workflowId: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  return auditAs(ctx, { action, workspaceId: ctx.workspace.id, target: { type: 'workflow', id: workflowId }, details });
}
