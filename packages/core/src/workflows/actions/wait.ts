import type { NodeContext } from './node-context';
import { done, StepFailure, type NodeResult } from './node-result';

/**
 * wait: pauses the run until an instant. The run's job is re-enqueued with `startAfter`,
 * so the wait costs nothing while it lasts and survives worker restarts. A dry run
 * reports the instant without waiting.
 *
 * @example
 * runWait(context, { mode: 'duration', seconds: 120 }); // { kind: 'wait', until: now + 2 min, … }
 */
export function runWait(context: NodeContext, params: { mode: 'duration'; seconds: number } | { mode: 'until'; at: unknown }): NodeResult {
  const planned = typeof context.state.waitUntil === 'string' ? new Date(context.state.waitUntil) : null;
  const now = context.deps.clock.now();
  const until = planned ?? (params.mode === 'duration' ? new Date(now.getTime() + params.seconds * 1000) : parseInstant(params.at));
  if (context.dryRun) return done({ waitedUntil: until.toISOString(), dryRun: true });
  if (until.getTime() <= now.getTime()) return done({ waitedUntil: until.toISOString() });
  return { kind: 'wait', until, state: { waitUntil: until.toISOString() } };
}

function parseInstant(value: unknown): Date {
  const at = value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value));
  if (Number.isNaN(at.getTime())) throw new StepFailure(`"${String(value)}" is not a date and time to wait until (use ISO 8601, e.g. 2026-12-01T09:00:00Z).`);
  return at;
}
