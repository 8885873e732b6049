export { validateWorkflow, type WorkflowValidation } from './validate-workflow';
export type { WorkflowProblem } from './workflow-problem';
