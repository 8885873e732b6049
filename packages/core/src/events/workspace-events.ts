import { executeText, type Executor, type TextStatement } from '@tweetflow/db';
import type { PostStatus } from '../posts/post-view';
import type { AlertEvent, MetricsUpdatedEvent } from './analytics-events';
import { sendTogether } from './coalesced-notifications';

/** The Postgres channel every TweetFlow process NOTIFYs and the web process LISTENs on. */
export const WORKSPACE_EVENTS_CHANNEL = 'tweetflow_workspace_events';

export type PostChangedEvent = {
  type: 'post.changed';
  postId: string;
  status: PostStatus;
  statusReason: string | null;
  scheduledAt: Date | null;
  publishedAt: Date | null;
};

export type NotificationEvent = {
  type: 'notification';
  /** Only this person's streams receive it. */
  userId: string;
  notification: { id: string; kind: string; title: string; body: string; link: string | null; createdAt: Date };
};

export type PostDeletedEvent = { type: 'post.deleted'; postId: string };

export type RunChangedEvent = {
  type: 'run.changed';
  runId: string;
  workflowId: string;
  status: 'queued' | 'running' | 'waiting' | 'paused' | 'succeeded' | 'failed' | 'cancelled' | 'skipped';
  /** The node whose step changed, if this is a step's change. */
  nodeId: string | null;
  stepStatus: string | null;
  error: string | null;
};

export type WorkspaceEvent = PostChangedEvent | PostDeletedEvent | NotificationEvent | RunChangedEvent | MetricsUpdatedEvent | AlertEvent;

/** On the wire: the event plus its workspace; dates as ISO strings. */
export type Envelope = { workspaceId: string; event: WorkspaceEvent };

// NOTIFY payloads must stay under 8000 bytes; a reason longer than this is cut.
const MAX_REASON_LENGTH = 500;

/**
 * Announces a change inside the caller's transaction. Postgres delivers NOTIFY only on
 * commit, so listeners never hear of a change that was rolled back.
 *
 * @example
 * await emitWorkspaceEvent(tx, workspaceId, { type: 'post.changed', postId, status: 'published', … });
 */
export async function emitWorkspaceEvent(db: Executor, workspaceId: string, event: WorkspaceEvent): Promise<void> {
  await executeText(db, 'select pg_notify($1, $2)', [WORKSPACE_EVENTS_CHANNEL, JSON.stringify({ workspaceId, event } satisfies Envelope)]);
}

/**
 * Shorthand for a post's status change.
 *
 * @example
 * await emitPostChanged(tx, workspaceId, { postId, status: 'scheduled', scheduledAt });
 */
export async function emitPostChanged(db: Executor, workspaceId: string, change: PostChange): Promise<void> {
  await emitWorkspaceEvent(db, workspaceId, postChangedEvent(change));
}

/** A post's status change as `emitPostChanged` announces it. */
export type PostChange = { postId: string; status: PostStatus; statusReason?: string | null; scheduledAt?: Date | null; publishedAt?: Date | null };

/**
 * The `post.changed` event for a change, its reason cut to fit a NOTIFY payload.
 *
 * @example
 * await emitWorkspaceEvents(tx, changes.map((change) => ({ workspaceId, event: postChangedEvent(change) })));
 */
export function postChangedEvent(change: PostChange): PostChangedEvent {
  return {
    type: 'post.changed',
    postId: change.postId,
    status: change.status,
    statusReason: change.statusReason?.slice(0, MAX_REASON_LENGTH) ?? null,
    scheduledAt: change.scheduledAt ?? null,
    publishedAt: change.publishedAt ?? null,
  };
}

/**
 * Announces many changes in one statement (a batch of posts), delivered on commit like
 * `emitWorkspaceEvent`'s. `asynchronousCommit` is for a statement of its own (no caller's
 * transaction) announcing changes already committed: it need not wait for the disk, and
 * goes with whatever else the process is announcing at that moment (`sendTogether`).
 *
 * @example
 * await emitWorkspaceEvents(tx, [{ workspaceId, event }]);
 */
export async function emitWorkspaceEvents(db: Executor, envelopes: readonly Envelope[], options: { asynchronousCommit?: boolean } = {}): Promise<void> {
  if (envelopes.length === 0) return;
  const payloads = envelopes.map((envelope) => JSON.stringify(envelope));
  const send = async (batch: readonly string[]) => {
    const { text, values } = notifyStatement(batch, options);
    await executeText(db, text, values);
  };
  return options.asynchronousCommit ? sendTogether(db, payloads, send) : send(payloads);
}

/**
 * The statement `emitWorkspaceEvents` sends inside a transaction, for a caller that sends
 * it together with its other statements (see `transactInTwoTrips`): delivered on commit.
 *
 * @example
 * const statement = workspaceEventsStatement([{ workspaceId, event }]);
 */
export function workspaceEventsStatement(envelopes: readonly Envelope[]): TextStatement {
  return notifyStatement(envelopes.map((envelope) => JSON.stringify(envelope)));
}

function notifyStatement(payloads: readonly string[], options: { asynchronousCommit?: boolean } = {}): TextStatement {
  const commit = options.asynchronousCommit ? `(select set_config('synchronous_commit', 'off', true)) as async_commit, ` : '';
  // One JSON parameter, so the statement has one shape however many payloads it carries.
  return { text: `select pg_notify($1, payload) from ${commit}json_array_elements_text($2::json) as payload`, values: [WORKSPACE_EVENTS_CHANNEL, JSON.stringify(payloads)] };
}

/**
 * Reads an envelope back from a NOTIFY payload (dates revived); null for anything else.
 *
 * @example
 * parseEnvelope(payload)?.event.type; // 'post.changed'
 */
export function parseEnvelope(payload: string): Envelope | null {
  try {
    const envelope = JSON.parse(payload) as Envelope;
    if (typeof envelope.workspaceId !== 'string' || typeof envelope.event?.type !== 'string') return null;
    const { event } = envelope;
    if (event.type === 'post.changed') {
      event.scheduledAt = event.scheduledAt ? new Date(event.scheduledAt) : null;
      event.publishedAt = event.publishedAt ? new Date(event.publishedAt) : null;
    } else if (event.type === 'notification') {
      event.notification.createdAt = new Date(event.notification.createdAt);
    }
    return envelope;
  } catch {
    return null;
  }
}
