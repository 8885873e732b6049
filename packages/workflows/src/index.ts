export * from './definition';
export * from './expressions';
export { branchLabelsFor, findCycle, reachableFromTrigger, successors, upstreamNodes, type GraphNode, type WorkflowGraph } from './graph';
export { nextTriggerTimes } from './trigger-times';
export * from './validation';
