import { z } from 'zod';
import { WORKFLOW_SCHEMA_VERSION, type WorkflowDefinition } from './definition';
import { hasExpression } from './expressions/template-parts';
import { TRIGGER } from './graph';
import { validateWorkflow, type WorkflowProblem } from './validation';
import { asRecord } from './validation/raw-definition';

export const WORKFLOW_FILE_FORMAT = 'tweetflow.workflow';

/** A workflow as a portable file: the definition, plus the username of each X account it uses. */
export type WorkflowFile = {
  format: typeof WORKFLOW_FILE_FORMAT;
  schemaVersion: number;
  name: string;
  description: string;
  definition: WorkflowDefinition;
  /** Account id in the exporting workspace → X username, so an import can find the same account. */
  accounts: Record<string, string>;
};

export type WorkflowImport = { ok: true; name: string; description: string; definition: WorkflowDefinition } | { ok: false; problems: WorkflowProblem[] };

const workflowFileSchema = z.object({
  format: z.literal(WORKFLOW_FILE_FORMAT),
  schemaVersion: z.number().int().min(1),
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).default(''),
  definition: z.unknown(),
  accounts: z.record(z.string(), z.string()).default({}),
});

/**
 * A workflow as a file to download and import elsewhere. Only the accounts the definition
 * names (outside expressions) are listed, each with its X username.
 *
 * @throws Error when the definition names an account missing from `accounts`.
 * @example
 * const file = exportWorkflow({ name: 'Daily tip', description: '', definition, accounts: { acc_1: 'tweetflow' } });
 * JSON.stringify(file); // {"format":"tweetflow.workflow","schemaVersion":1,…,"accounts":{"acc_1":"tweetflow"}}
 */
export function exportWorkflow(workflow: { name: string; description: string; definition: WorkflowDefinition; accounts: Record<string, string> }): WorkflowFile {
  const accounts: Record<string, string> = {};
  for (const { accountId, nodeId } of accountUses(workflow.definition)) {
    const username = workflow.accounts[accountId];
    if (username === undefined) throw new Error(`${nodeId === TRIGGER ? 'The trigger' : `Node '${nodeId}'`} uses X account ${accountId}, whose username was not given to exportWorkflow.`);
    accounts[accountId] = username;
  }
  return {
    format: WORKFLOW_FILE_FORMAT,
    schemaVersion: workflow.definition.schemaVersion,
    name: workflow.name,
    description: workflow.description,
    definition: structuredClone(workflow.definition),
    accounts,
  };
}

/**
 * Reads an exported workflow file into this workspace: each account is matched by X
 * username (ignoring case and a leading @) to one connected here, then the definition is
 * validated. Every problem is reported, an account with no match at each place it is used.
 *
 * @example
 * const result = parseWorkflowFile(JSON.parse(text), { accountsByUsername: { tweetflow: 'acc_9' } });
 * if (result.ok) await saveWorkflow(result.name, result.definition);
 */
export function parseWorkflowFile(json: unknown, context: { accountsByUsername: Record<string, string> }): WorkflowImport {
  const envelope = fileProblems(json);
  if (!envelope.ok) return envelope;
  const file = envelope.file;
  const byUsername = new Map(Object.entries(context.accountsByUsername).map(([username, id]) => [normalizeUsername(username), id]));
  const mapping = new Map<string, string>();
  for (const [fileAccountId, username] of Object.entries(file.accounts)) {
    const local = byUsername.get(normalizeUsername(username));
    if (local !== undefined) mapping.set(fileAccountId, local);
  }
  const definition = withAccounts(file.definition, mapping);
  const unmapped: WorkflowProblem[] = accountUses(file.definition)
    .filter(({ accountId }) => !mapping.has(accountId))
    .map(({ accountId, nodeId }) => ({
      nodeId,
      field: 'params.accountId',
      message:
        file.accounts[accountId] === undefined
          ? `The file names X account ${accountId} without its username, so it cannot be matched here; choose an account after importing.`
          : `X account @${file.accounts[accountId]} is not connected to this workspace; connect it, or choose another account after importing.`,
    }));
  const validation = validateWorkflow(definition, { accountIds: Object.values(context.accountsByUsername) });
  const unmappedPlaces = new Set(unmapped.map((problem) => problem.nodeId));
  // Validation would also call an unmatched account "not connected"; the message above says more.
  const others = validation.ok ? [] : validation.problems.filter((problem) => !(problem.field === 'params.accountId' && unmappedPlaces.has(problem.nodeId)));
  if (unmapped.length > 0 || !validation.ok) return { ok: false, problems: [...unmapped, ...others] };
  return { ok: true, name: file.name, description: file.description, definition: validation.definition };
}

function fileProblems(json: unknown): { ok: true; file: z.output<typeof workflowFileSchema> } | { ok: false; problems: WorkflowProblem[] } {
  if (asRecord(json).format !== WORKFLOW_FILE_FORMAT) {
    return { ok: false, problems: [{ nodeId: null, field: 'format', message: `This is not a TweetFlow workflow file: its "format" should be "${WORKFLOW_FILE_FORMAT}".` }] };
  }
  const parsed = workflowFileSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({ nodeId: null, field: issue.path.join('.') || null, message: `The file's ${issue.path.join('.') || 'content'} is invalid: ${issue.message}` })),
    };
  }
  if (parsed.data.schemaVersion > WORKFLOW_SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [
        {
          nodeId: null,
          field: 'schemaVersion',
          message: `The file was made by a newer TweetFlow (workflow schema version ${parsed.data.schemaVersion}); this one reads version ${WORKFLOW_SCHEMA_VERSION}. Update TweetFlow, then import it again.`,
        },
      ],
    };
  }
  return { ok: true, file: parsed.data };
}

/** Every place a definition names an X account directly (not through an expression). */
function accountUses(definition: unknown): Array<{ nodeId: string; accountId: string }> {
  const root = asRecord(definition);
  const places = [
    { nodeId: TRIGGER, params: asRecord(root.trigger).params },
    ...(Array.isArray(root.nodes) ? root.nodes : []).map((node) => ({ nodeId: String(asRecord(node).id), params: asRecord(node).params })),
  ];
  return places.flatMap(({ nodeId, params }) => {
    const accountId = asRecord(params).accountId;
    return typeof accountId === 'string' && !hasExpression(accountId) ? [{ nodeId, accountId }] : [];
  });
}

function withAccounts(definition: unknown, mapping: Map<string, string>): unknown {
  const swap = (holder: unknown) => {
    const params = asRecord(asRecord(holder).params);
    const accountId = params.accountId;
    return typeof accountId === 'string' && mapping.has(accountId) ? { ...asRecord(holder), params: { ...params, accountId: mapping.get(accountId) } } : holder;
  };
  const root = asRecord(definition);
  if (Object.keys(root).length === 0) return definition;
  return { ...root, trigger: swap(root.trigger), nodes: Array.isArray(root.nodes) ? root.nodes.map(swap) : root.nodes };
}

function normalizeUsername(username: string): string {
  return username.trim().replace(/^@/, '').toLowerCase();
}
