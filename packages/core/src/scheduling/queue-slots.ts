import { and, eq, gt, inArray, lte } from 'drizzle-orm';
import { posts, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import { localDateTimeOf } from './local-time';
import { QUEUE_HORIZON_WEEKS, slotInstantsAfter } from './posting-slots';
import { loadQueueAccount, loadQueueAccountById } from './queue-account';
import { lockAccountQueue } from './queue-lock';
import { readSlots } from './queue-settings';

/** Posts that hold their slot: waiting to publish, or publishing now. */
const SLOT_HOLDING_STATUSES = ['scheduled', 'publishing'] as const;

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The earliest of the account's weekly slots after `after` that no scheduled or publishing
 * post of the account already occupies; null when the account has no slots.
 *
 * Inside a transaction this holds a per-account lock until commit, so two posts added to
 * the queue at the same moment cannot both take the same slot. Throws a `conflict`
 * DomainError when every slot of the next 52 weeks is taken.
 *
 * @example
 * const slot = await findNextQueueSlot(tx, { accountId, after: clock.now() });
 * if (slot) await schedule(post, slot);
 */
export async function findNextQueueSlot(db: Executor, { accountId, after }: { accountId: string; after: Date }): Promise<Date | null> {
  await lockAccountQueue(db, accountId);
  const account = await loadQueueAccountById(db, accountId);
  const slots = await readSlots(db, accountId);
  if (slots.length === 0) return null;
  const occupied = await occupiedInstants(db, accountId, after);
  for (const instant of slotInstantsAfter(slots, account.timezone, after)) {
    if (!occupied.has(instant.getTime())) return instant;
  }
  throw new DomainError(
    'conflict',
    `Every queue slot of @${account.username} in the next ${QUEUE_HORIZON_WEEKS} weeks is taken; add slots to the queue or pick a time.`,
  );
}

/** One upcoming slot for the queue preview, with the post already in it, if any. */
export type QueueSlotPreview = { at: Date; localDateTime: string; postId: string | null };

/**
 * The account's next `count` slots after `after`, each with the post occupying it, so the
 * UI can show the week ahead with its free slots.
 *
 * @example
 * const preview = await previewQueueSlots(db, { workspaceId, accountId, after: clock.now(), count: 10 });
 * preview.filter((slot) => slot.postId === null); // the free ones
 */
export async function previewQueueSlots(
  db: Executor,
  input: { workspaceId: string; accountId: string; after: Date; count: number },
): Promise<QueueSlotPreview[]> {
  const account = await loadQueueAccount(db, input);
  const slots = await readSlots(db, account.id);
  const occupied = await occupiedInstants(db, account.id, input.after);
  const preview: QueueSlotPreview[] = [];
  if (input.count <= 0) return preview;
  for (const at of slotInstantsAfter(slots, account.timezone, input.after)) {
    preview.push({ at, localDateTime: localDateTimeOf(at, account.timezone), postId: occupied.get(at.getTime()) ?? null });
    if (preview.length >= input.count) break;
  }
  return preview;
}

/** Instants (epoch ms) within the horizon that a post of the account holds, with that post. */
async function occupiedInstants(db: Executor, accountId: string, after: Date): Promise<Map<number, string>> {
  // The slot scan starts at the beginning of `after`'s local day and runs one day past the
  // horizon, so two days of margin cover every instant it can reach in any zone.
  const until = new Date(after.getTime() + (QUEUE_HORIZON_WEEKS * 7 + 2) * DAY_MS);
  const rows = await db
    .select({ id: posts.id, scheduledAt: posts.scheduledAt })
    .from(posts)
    .where(
      and(
        eq(posts.xAccountId, accountId),
        inArray(posts.status, [...SLOT_HOLDING_STATUSES]),
        gt(posts.scheduledAt, after),
        lte(posts.scheduledAt, until),
      ),
    );
  return new Map(rows.flatMap((row) => (row.scheduledAt ? [[row.scheduledAt.getTime(), row.id] as const] : [])));
}
