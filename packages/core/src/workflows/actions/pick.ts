import { and, eq, sql } from 'drizzle-orm';
import { workflowNodeState } from '@tweetflow/db';
import type { NodeContext } from './node-context';
import { done, StepFailure, type NodeResult } from './node-result';

type PickState = { next?: number; lastUsed?: Record<string, string> };

/**
 * pick: one item of a list, at random, in turn (round-robin), or the one used longest ago
 * (least recently used), never one used within `cooldownDays` (evergreen recycling). The
 * node's memory is kept per workflow, locked while picking so two runs never take the
 * same turn. A dry run picks without remembering.
 *
 * @example
 * await runPick(context, 'pickTip', { items: ['a', 'b'], strategy: 'round_robin', cooldownDays: 0 });
 */
export async function runPick(
  context: NodeContext,
  nodeId: string,
  params: { items: unknown; strategy: 'random' | 'round_robin' | 'least_recently_used'; cooldownDays: number },
): Promise<NodeResult> {
  const items = Array.isArray(params.items) ? params.items.map((item) => (typeof item === 'string' ? item : JSON.stringify(item))) : null;
  if (!items || items.length === 0) throw new StepFailure('There is nothing to pick from: the list is empty or not a list.');
  const now = context.deps.clock.now();
  return context.db.transaction(async (tx) => {
    await tx
      .insert(workflowNodeState)
      .values({ workflowId: context.workflowId, nodeId, state: {} })
      .onConflictDoNothing();
    const [row] = await tx
      .select({ state: workflowNodeState.state })
      .from(workflowNodeState)
      .where(and(eq(workflowNodeState.workflowId, context.workflowId), eq(workflowNodeState.nodeId, nodeId)))
      .for('update');
    const state = (row?.state ?? {}) as PickState;
    const lastUsed = state.lastUsed ?? {};
    const cooledDown = (item: string) =>
      !lastUsed[item] || now.getTime() - Date.parse(lastUsed[item]) >= params.cooldownDays * 86_400_000;
    const candidates = items.map((item, index) => ({ item, index })).filter(({ item }) => cooledDown(item));
    if (candidates.length === 0) {
      throw new StepFailure(`Every item was used within the last ${params.cooldownDays} days; add items or shorten the cooldown.`);
    }
    let chosen = candidates[0]!;
    if (params.strategy === 'random') chosen = candidates[Math.floor(Math.random() * candidates.length)]!;
    if (params.strategy === 'round_robin') {
      const start = (state.next ?? 0) % items.length;
      chosen = candidates.find(({ index }) => index >= start) ?? candidates[0]!;
    }
    if (params.strategy === 'least_recently_used') {
      chosen = candidates.reduce((best, candidate) => (lastUsedAt(lastUsed, candidate.item) < lastUsedAt(lastUsed, best.item) ? candidate : best));
    }
    if (!context.dryRun) {
      const next: PickState = { next: (chosen.index + 1) % items.length, lastUsed: { ...lastUsed, [chosen.item]: now.toISOString() } };
      await tx
        .update(workflowNodeState)
        .set({ state: next, updatedAt: sql`now()` })
        .where(and(eq(workflowNodeState.workflowId, context.workflowId), eq(workflowNodeState.nodeId, nodeId)));
    }
    return done({ item: chosen.item, index: chosen.index });
  });
}

function lastUsedAt(lastUsed: Record<string, string>, item: string): number {
  return lastUsed[item] ? Date.parse(lastUsed[item]) : 0;
}
