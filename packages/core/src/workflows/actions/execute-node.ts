import { conditionSource, evaluateExpression, resolveParams, type ExpressionOptions, type ExpressionScope, type WorkflowNode } from '@tweetflow/workflows';
import { runHttp } from './http-request';
import { runFormat, runIf, runSet, runSwitch } from './logic';
import type { NodeContext } from './node-context';
import type { NodeResult } from './node-result';
import { runNotify } from './notify';
import { runPick } from './pick';
import { runWait } from './wait';
import { engage } from './x-engagement';
import { publishFromStep } from './x-publish';

/** Nodes that only compute from the run's scope: nothing outside the run sees them run. */
export type PureNode = Extract<WorkflowNode, { type: 'if' | 'switch' | 'set' | 'format' }>;

const PURE_TYPES: ReadonlySet<WorkflowNode['type']> = new Set(['if', 'switch', 'set', 'format']);

/**
 * Whether running the node again gives the same result and touches nothing: its step need
 * not be written before it runs, only with the run's next checkpoint.
 *
 * @example
 * if (isPureNode(node)) settled.push(await evaluatePureNode(node, scope, options));
 */
export function isPureNode(node: WorkflowNode): node is PureNode {
  return PURE_TYPES.has(node.type);
}

/**
 * Runs one node: evaluates its `{{ }}` parameters against the run's scope, then does what
 * its type says. Returns the resolved input too, for the step's record.
 *
 * @example
 * const { input, result } = await executeNode(node, context);
 */
export async function executeNode(node: WorkflowNode, context: NodeContext): Promise<{ input: unknown; result: NodeResult }> {
  if (isPureNode(node)) return evaluatePureNode(node, context.scope, context.expressionOptions);
  const params = (await resolveParams(node.params, context.scope, context.expressionOptions)) as typeof node.params;
  return { input: params, result: await run({ ...node, params } as WorkflowNode, context) };
}

/**
 * Runs a pure node (if, switch, set, format) from the run's scope alone.
 *
 * @example
 * const { input, result } = await evaluatePureNode(node, scope, { timezone: 'UTC' });
 */
export async function evaluatePureNode(node: PureNode, scope: ExpressionScope, options: ExpressionOptions): Promise<{ input: unknown; result: NodeResult }> {
  if (node.type === 'if') {
    const condition = await evaluateExpression(conditionSource(node.params.condition), scope, options);
    return { input: { condition }, result: runIf(condition) };
  }
  if (node.type === 'switch') {
    const value = await evaluateExpression(conditionSource(node.params.value), scope, options);
    return { input: { value }, result: runSwitch(value, node.params.cases) };
  }
  if (node.type === 'set') {
    const params = (await resolveParams(node.params, scope, options)) as typeof node.params;
    return { input: params, result: runSet(params.variables) };
  }
  const params = (await resolveParams(node.params, scope, options)) as typeof node.params;
  return { input: params, result: runFormat(params.template, params.truncateForX) };
}

async function run(node: WorkflowNode, context: NodeContext): Promise<NodeResult> {
  switch (node.type) {
    case 'x.post':
      return publishFromStep(context, { accountId: node.params.accountId, items: [node.params.text], mediaIds: node.params.mediaIds });
    case 'x.reply':
      return publishFromStep(context, { accountId: node.params.accountId, items: [node.params.text], replyTo: node.params.inReplyTo });
    case 'x.quote':
      return publishFromStep(context, { accountId: node.params.accountId, items: [node.params.text], quote: node.params.quotePostId });
    case 'x.thread':
      return publishFromStep(context, { accountId: node.params.accountId, items: node.params.items.map(String) });
    case 'x.like':
      return engage(context, 'like', node.params);
    case 'x.repost':
      return engage(context, 'repost', node.params);
    case 'x.delete':
      return engage(context, 'delete', node.params);
    case 'wait':
      return runWait(context, node.params);
    case 'pick':
      return runPick(context, node.id, node.params);
    case 'http':
      return runHttp(context, node.params);
    case 'notify':
      return runNotify(context, node.params);
    case 'if':
    case 'switch':
    case 'set':
    case 'format':
      throw new Error('pure nodes are evaluated by evaluatePureNode');
  }
}
