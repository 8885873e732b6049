import type { NodeType, WorkflowTrigger } from './definition';

export type TriggerType = WorkflowTrigger['type'];
export type NodeGroup = 'x' | 'logic' | 'data' | 'notify' | 'flow';

/** How the editor presents a node type; `outputs` documents `nodes.<id>` for autocomplete. */
export type NodeCatalogEntry = { label: string; group: NodeGroup; description: string; outputs: string };
/** How the editor presents a trigger type; `outputs` documents `trigger` for autocomplete. */
export type TriggerCatalogEntry = { label: string; description: string; outputs: string };

const POSTED = '{ postId, text, url }';
const X_EVENT = '{ post: { id, text, authorId, authorUsername, createdAt, conversationId } }';

/**
 * Every node type with its label, palette group, what it does and what it outputs.
 *
 * @example
 * NODE_CATALOG['x.post'].outputs; // '{ postId, text, url }'
 */
export const NODE_CATALOG: Record<NodeType, NodeCatalogEntry> = {
  'x.post': { label: 'Post', group: 'x', description: 'Publishes a post from an X account, through the same path as scheduled posts.', outputs: POSTED },
  'x.reply': { label: 'Reply', group: 'x', description: 'Replies to a post (inReplyTo is the post id, e.g. {{ trigger.post.id }}).', outputs: POSTED },
  'x.thread': { label: 'Thread', group: 'x', description: 'Publishes a thread, item by item; a failed thread resumes at the item that failed.', outputs: '{ postIds, url }' },
  'x.quote': { label: 'Quote', group: 'x', description: 'Quotes a post with your own text.', outputs: POSTED },
  'x.like': { label: 'Like', group: 'x', description: 'Likes a post.', outputs: '{ postId, done: true }' },
  'x.repost': { label: 'Repost', group: 'x', description: 'Reposts a post.', outputs: '{ postId, done: true }' },
  'x.delete': { label: 'Delete post', group: 'x', description: 'Deletes one of the account’s posts.', outputs: '{ postId, deleted: true }' },
  wait: { label: 'Wait', group: 'flow', description: 'Pauses the run for a duration or until a time; the run survives restarts meanwhile.', outputs: '{ waitedUntil }' },
  if: { label: 'If / else', group: 'logic', description: 'Follows the true or false edge, by a {{ condition }}.', outputs: '{ result: boolean }' },
  switch: { label: 'Switch', group: 'logic', description: 'Follows the edge of the case equal to {{ value }}, or default.', outputs: '{ value, case }' },
  set: { label: 'Set variables', group: 'data', description: 'Sets workflow variables, readable afterwards as vars.<name>.', outputs: '{ <name>: value, … } (also merged into vars)' },
  format: { label: 'Format text', group: 'data', description: 'Builds a text from a template, optionally truncated to fit a post.', outputs: '{ text }' },
  pick: {
    label: 'Pick from list',
    group: 'data',
    description: 'Picks one item: at random, in turn (round robin), or the least recently used, with a cooldown for evergreen recycling.',
    outputs: '{ item, index }',
  },
  http: {
    label: 'HTTP request',
    group: 'data',
    description: 'Calls a web address with a timeout and a size cap; private and loopback addresses are refused unless an operator allows them.',
    outputs: '{ status, headers, body } (body parsed when it is JSON)',
  },
  notify: { label: 'Notify', group: 'notify', description: 'Tells people: in the app, by email, or by an outbound webhook (Slack-compatible JSON).', outputs: '{ delivered: true }' },
};

/**
 * Every trigger type with its label, what starts a run and what the run sees as `trigger`.
 *
 * @example
 * TRIGGER_CATALOG.webhook.outputs; // '{ body, headers, receivedAt }'
 */
export const TRIGGER_CATALOG: Record<TriggerType, TriggerCatalogEntry> = {
  schedule: { label: 'Schedule', description: 'Runs on a cron schedule in a time zone, every fixed interval, or once at a given time.', outputs: '{ firedAt }' },
  manual: { label: 'Manual', description: 'Runs when someone starts it, with optional input.', outputs: 'the input object' },
  webhook: {
    label: 'Webhook',
    description: 'Runs when its secret URL receives JSON, optionally signed with HMAC-SHA256; answers at once and runs in the background.',
    outputs: '{ body, headers, receivedAt }',
  },
  'x.mention': { label: 'New mention', description: 'Runs for each new post that mentions the account, optionally only those containing a keyword.', outputs: X_EVENT },
  'x.reply': { label: 'New reply', description: 'Runs for each new reply to the account’s posts.', outputs: X_EVENT },
  'x.search': { label: 'Search match', description: 'Runs for each new post matching an X recent-search query.', outputs: X_EVENT },
};
