import type { XAccount } from '#lib/client/api-types.ts';
import type { StepData } from '#lib/client/workflow-graph.ts';
import { NODE_CATALOG, type NodeGroup, type NodeType } from '@tweetflow/workflows';

/** The palette groups in the order people look for them, with their colours. */
export const GROUPS: Array<{ id: NodeGroup | 'trigger'; label: string; accent: string }> = [
  { id: 'trigger', label: 'Triggers', accent: 'bg-brand-500' },
  { id: 'x', label: 'X actions', accent: 'bg-sky-500' },
  { id: 'logic', label: 'Logic', accent: 'bg-violet-500' },
  { id: 'data', label: 'Data', accent: 'bg-amber-500' },
  { id: 'notify', label: 'Notify', accent: 'bg-emerald-500' },
  { id: 'flow', label: 'Flow', accent: 'bg-slate-500' },
];

/** The accent colour of a step's group. */
export function accentOf(data: Pick<StepData, 'kind' | 'type'>): string {
  const group = data.kind === 'trigger' ? 'trigger' : NODE_CATALOG[data.type as NodeType]?.group;
  return GROUPS.find((candidate) => candidate.id === group)?.accent ?? 'bg-slate-400';
}

const shorten = (text: string, length = 70) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);
const text = (value: unknown) => (typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value));

/**
 * One line saying what a step is set to do, for its card on the canvas.
 *
 * @example
 * stepSummary({ kind: 'action', type: 'x.post', params: { accountId: 'a1', text: 'Hello' } }, accounts); // '@ada: Hello'
 */
export function stepSummary(data: StepData, accounts: readonly Pick<XAccount, 'id' | 'username'>[]): string {
  const params = data.params;
  const account = accounts.find((candidate) => candidate.id === params.accountId);
  const who = account ? `@${account.username}` : params.accountId ? 'an account not in this workspace' : 'no account chosen';
  switch (data.type) {
    case 'x.post':
    case 'x.quote':
    case 'x.reply':
      return data.kind === 'trigger' ? `Replies to ${who}` : `${who}: ${shorten(text(params.text)) || '(no text yet)'}`;
    case 'x.thread':
      return `${who}: ${Array.isArray(params.items) ? params.items.length : 0} posts`;
    case 'x.like':
    case 'x.repost':
    case 'x.delete':
      return `${who}: ${shorten(text(params.postId)) || '(no post id yet)'}`;
    case 'x.mention':
      return `Mentions of ${who}${params.keyword ? ` with “${text(params.keyword)}”` : ''}`;
    case 'x.search':
      return `${who} searches “${shorten(text(params.query), 40)}”`;
    case 'if':
      return shorten(text(params.condition)) || '(no condition yet)';
    case 'switch':
      return `${shorten(text(params.value), 40) || '(no value yet)'} → ${Array.isArray(params.cases) ? params.cases.join(', ') : ''}`;
    case 'set':
      return Object.keys((params.variables as Record<string, unknown>) ?? {}).map((name) => `vars.${name}`).join(', ');
    case 'format':
      return shorten(text(params.template)) || '(no template yet)';
    case 'pick':
      return `${text(params.strategy).replaceAll('_', ' ')} from ${Array.isArray(params.items) ? `${params.items.length} items` : 'a list'}`;
    case 'http':
      return `${text(params.method ?? 'GET')} ${shorten(text(params.url), 50)}`;
    case 'notify':
      return `${text(params.channel).replace('_', '-')}: ${shorten(text(params.title), 50)}`;
    case 'wait':
      return params.mode === 'until' ? `until ${shorten(text(params.at), 50)}` : `${text(params.seconds)} s`;
    case 'schedule':
      if (params.mode === 'cron') return `${text(params.cron)} (${text(params.timezone ?? 'UTC')})`;
      if (params.mode === 'interval') return `every ${Math.round(Number(params.everySeconds) / 60)} min`;
      return `once at ${text(params.at)}`;
    case 'webhook':
      return params.requireSignature ? 'POST JSON, signed' : 'POST JSON to its URL';
    case 'manual':
      return 'Started by hand or from the API';
  }
  return '';
}
