/**
 * One thing wrong with a workflow definition, placed where the editor can show it.
 * `nodeId` is the node's id, `'trigger'` for the trigger, or `null` for the workflow as a
 * whole (settings, an edge whose source does not exist). `field` is the path inside the
 * node or trigger (`params.text`), or from the definition's root for edges and settings
 * (`edges.3.label`, `settings.timezone`); `null` when the problem is the node as a whole.
 */
export type WorkflowProblem = { nodeId: string | null; field: string | null; message: string };

/**
 * A problem at a path; numbers in the path (list positions) are joined like names.
 *
 * @example
 * problemAt('post', ['params', 'items', 2], 'params.items.2 is empty.'); // { nodeId: 'post', field: 'params.items.2', … }
 */
export function problemAt(nodeId: string | null, path: ReadonlyArray<PropertyKey>, message: string): WorkflowProblem {
  return { nodeId, field: path.length === 0 ? null : path.map(String).join('.'), message };
}
