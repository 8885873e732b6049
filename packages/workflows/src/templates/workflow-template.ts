import { workflowDefinitionSchema, type WorkflowDefinition, type WorkflowDefinitionInput } from '../definition';

/** What a template needs to become a workflow: the X account to act as, and the zone its times are in. */
export type TemplateContext = { accountId: string; timezone?: string };

/** A ready-made workflow in the template library. */
export type WorkflowTemplate = {
  id: string;
  name: string;
  description: string;
  build(context: TemplateContext): WorkflowDefinition;
};

const COLUMN_WIDTH = 280;
const ROW_HEIGHT = 140;

/**
 * A definition with canvas positions: `columns` lists node ids left to right, each entry a
 * column whose nodes stack downwards (branches side by side).
 *
 * @example
 * laidOut({ trigger, nodes, edges }, [['check'], ['reply', 'skip']]);
 */
export function laidOut(input: WorkflowDefinitionInput, columns: string[][]): WorkflowDefinition {
  const positions = new Map(columns.flatMap((column, x) => column.map((id, y) => [id, { x: (x + 1) * COLUMN_WIDTH, y: y * ROW_HEIGHT }] as const)));
  return workflowDefinitionSchema.parse({ ...input, nodes: input.nodes.map((node) => ({ ...node, position: positions.get(node.id) })) });
}
