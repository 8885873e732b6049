export type { WorkflowDeps } from './workflow-deps';
export { createWorkflow, saveWorkflowVersion, checkDefinition, type SavedVersion } from './manage/save-workflow';
export { listWorkflows, getWorkflow, listVersions, getVersion, diffVersions, type WorkflowSummary } from './manage/workflow-queries';
export {
  updateWorkflowDetails,
  deleteWorkflow,
  duplicateWorkflow,
  rotateWebhookUrl,
  createWebhookSecret,
  exportWorkflowFile,
  importWorkflowFile,
  createFromTemplate,
} from './manage/workflow-lifecycle';
export { activateWorkflow, deactivateWorkflow } from './triggers/activation';
export { fireTrigger, type TriggerOutcome } from './triggers/fire-trigger';
export { receiveWebhook, WEBHOOK_SIGNATURE_HEADER, type IncomingWebhook } from './triggers/receive-webhook';
export { WebhookInbox } from './triggers/webhook-inbox';
export type { TriggerJobData } from './triggers/trigger-jobs';
export { advanceRun, advanceRuns, type RunJob, type RunOutcome } from './runs/advance-run';
export { advanceRunJobs, startRunJobs, type FetchedRunJob, type RunJobsUnderWay } from './runs/advance-run-jobs';
export { runIdsOf, type RunJobData } from './runs/run-jobs';
export { startRun, type StartedRun } from './runs/start-run';
export { listRuns, getRun } from './runs/run-queries';
export { workflowInsights, type WorkflowInsights } from './runs/run-insights';
export { runWorkflowNow, continueRun, stopRun } from './runs/run-control';
export { isPrivateAddress, safeRequest } from '../http/safe-request';
