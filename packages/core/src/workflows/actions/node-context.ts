import type { Executor } from '@tweetflow/db';
import type { ExpressionOptions, ExpressionScope } from '@tweetflow/workflows';
import type { WorkflowDeps } from '../workflow-deps';

/** Everything a node's action may use while it runs. */
export type NodeContext = {
  db: Executor;
  deps: WorkflowDeps;
  workspaceId: string;
  workflowId: string;
  runId: string;
  /** The step's id: also the id and publish-job id of a post the step creates, so a resumed step finds and re-claims it. */
  stepId: string;
  /**
   * The step was started by an earlier job that did not finish it (a crash, a retry, a
   * wait): what it reaches outside the run for may already have happened.
   */
  resumed: boolean;
  /**
   * What an earlier job of this step saved: the state its `wait` result carried (a wait
   * node's planned end, the post a step handed to the publish queue). Empty for a fresh step.
   */
  state: Record<string, unknown>;
  /** How many times this step has been attempted, including this one. */
  attempt: number;
  maxAttempts: number;
  dryRun: boolean;
  scope: ExpressionScope;
  /** The workflow's zone for `$formatDate`, and the evaluation limits. */
  expressionOptions: ExpressionOptions;
};
