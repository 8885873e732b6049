import type { WorkflowRun, WorkspaceEvent } from '../types.ts';
import { watchRun } from '../watch.ts';
import type { TweetFlowClient } from '../client.ts';
import type { CliContext } from './context.ts';
import { EXIT } from './exit-codes.ts';

/**
 * Follows a run live, one line per step change on stderr, then prints the finished run
 * (its steps as a table, or the run as JSON). A run that did not succeed sets the
 * "watched work failed" exit code.
 *
 * @example
 * await followRun(context, client, { workspaceId, runId }, AbortSignal.timeout(600_000));
 */
export async function followRun(context: CliContext, client: TweetFlowClient, target: { workspaceId: string; runId: string }, signal: AbortSignal): Promise<WorkflowRun> {
  const run = await watchRun(client, target, { signal, onEvent: (event) => context.output.note(describeRunEvent(event)) });
  context.output.result(run, () => {
    context.output.table(
      ['#', 'node', 'status', 'ms', 'error'],
      run.steps.map((step) => [String(step.sequence), step.nodeId, step.status, step.durationMs === null ? '' : String(step.durationMs), step.error ?? '']),
    );
    context.output.line(`Run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ''}.`);
  });
  if (run.status !== 'succeeded') context.exitCode = EXIT.failed;
  return run;
}

function describeRunEvent(event: WorkspaceEvent): string {
  if (event.type !== 'run.changed') return `… ${event.type}`;
  if (!event.nodeId) return `… run ${event.status}${event.error ? `: ${event.error}` : ''}`;
  return `… ${event.nodeId}: ${event.stepStatus ?? event.status}${event.error ? `: ${event.error}` : ''}`;
}
