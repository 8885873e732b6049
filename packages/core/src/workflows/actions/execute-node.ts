import { conditionSource, evaluateExpression, resolveParams, type WorkflowNode } from '@tweetflow/workflows';
import { runHttp } from './http-request';
import { runFormat, runIf, runSet, runSwitch } from './logic';
import type { NodeContext } from './node-context';
import type { NodeResult } from './node-result';
import { runNotify } from './notify';
import { runPick } from './pick';
import { runWait } from './wait';
import { engage } from './x-engagement';
import { publishFromStep } from './x-publish';

/**
 * Runs one node: evaluates its `{{ }}` parameters against the run's scope, then does what
 * its type says. Returns the resolved input too, for the step's record.
 *
 * @example
 * const { input, result } = await executeNode(node, context);
 */
export async function executeNode(node: WorkflowNode, context: NodeContext): Promise<{ input: unknown; result: NodeResult }> {
  if (node.type === 'if') {
    const condition = await evaluateExpression(conditionSource(node.params.condition), context.scope, context.expressionOptions);
    return { input: { condition }, result: runIf(condition) };
  }
  if (node.type === 'switch') {
    const value = await evaluateExpression(conditionSource(node.params.value), context.scope, context.expressionOptions);
    return { input: { value }, result: runSwitch(value, node.params.cases) };
  }
  const params = (await resolveParams(node.params, context.scope, context.expressionOptions)) as typeof node.params;
  return { input: params, result: await run({ ...node, params } as WorkflowNode, context) };
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
    case 'set':
      return runSet(node.params.variables);
    case 'format':
      return runFormat(node.params.template, node.params.truncateForX);
    case 'pick':
      return runPick(context, node.id, node.params);
    case 'http':
      return runHttp(context, node.params);
    case 'notify':
      return runNotify(context, node.params);
    case 'if':
    case 'switch':
      throw new Error('conditions are evaluated before parameters');
  }
}
