import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@tweetflow/api';

type Outputs = inferRouterOutputs<AppRouter>['workflows'];

/** What the workflows API returns, named the way the builder talks about it. */
export type WorkflowListItem = Outputs['list'][number];
export type WorkflowDetail = Outputs['get'];
export type WorkflowVersionItem = Outputs['versions'][number];
export type WorkflowChangeItem = Outputs['diff'][number];
export type WorkflowTemplateItem = Outputs['templates'][number];
export type WorkflowRunItem = Outputs['runs']['runs'][number];
export type WorkflowRunDetail = Outputs['runDetail'];
export type WorkflowRunStep = WorkflowRunDetail['steps'][number];
export type WorkflowInsights = Outputs['insights'];
export type RunStatus = WorkflowRunItem['status'];

/** One problem the validator found: at a node (or `'trigger'`, or the workflow: `null`) and a field. */
export type WorkflowProblem = { nodeId: string | null; field: string | null; message: string };

/** Statuses after which a run changes no more. */
export const FINISHED_RUN_STATUSES: readonly string[] = ['succeeded', 'failed', 'cancelled', 'skipped'];

/** How a run or step status reads and which colour it wears, everywhere in the builder. */
export const RUN_STATUS_STYLE: Record<string, { label: string; tone: string }> = {
  queued: { label: 'Queued', tone: 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300' },
  running: { label: 'Running', tone: 'bg-sky-100 text-sky-800 dark:bg-sky-950 dark:text-sky-200' },
  waiting: { label: 'Waiting', tone: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-200' },
  paused: { label: 'Paused', tone: 'bg-violet-100 text-violet-800 dark:bg-violet-950 dark:text-violet-200' },
  succeeded: { label: 'Succeeded', tone: 'bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-200' },
  failed: { label: 'Failed', tone: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200' },
  cancelled: { label: 'Stopped', tone: 'bg-slate-200 text-slate-700 dark:bg-slate-800 dark:text-slate-300' },
  skipped: { label: 'Skipped', tone: 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-400' },
};

/**
 * A duration as people say it: "840 ms", "3.2 s", "4 min 5 s".
 *
 * @example
 * formatDuration(3_200); // "3.2 s"
 */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(ms < 10_000 ? 1 : 0)} s`;
  const minutes = Math.floor(ms / 60_000);
  const seconds = Math.round((ms % 60_000) / 1_000);
  return minutes < 60 ? `${minutes} min${seconds ? ` ${seconds} s` : ''}` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
