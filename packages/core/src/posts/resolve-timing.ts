import { eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import { resolveLocalDateTime } from '../scheduling/local-time';
import { findNextQueueSlot } from '../scheduling/queue-slots';
import type { PublishTiming } from './post-input';

/** A minute of slack: "09:00" picked at 09:00:20 still means "now", not "in the past". */
const PAST_TOLERANCE_MS = 60_000;

export type ResolvedTiming = { scheduledAt: Date | null; timezone: string; source: 'composer' | 'queue' };

/**
 * Turns the composer's "when" into an instant and the zone to show it in: a draft has
 * none, "now" is the clock's now, a local time resolves in its zone (a time in a DST gap
 * moves forward, as the UI warned), and "queue" takes the account's next free slot.
 *
 * @example
 * await resolveTiming(db, { kind: 'at', localDateTime: '2026-12-01T09:00', timezone: 'Europe/Berlin', repeatedTime: 'earlier' }, { accountId, now, userTimezone });
 */
export async function resolveTiming(
  db: Executor,
  timing: PublishTiming,
  context: { accountId: string; now: Date; userTimezone: string },
): Promise<ResolvedTiming> {
  switch (timing.kind) {
    case 'draft':
      return { scheduledAt: null, timezone: context.userTimezone, source: 'composer' };
    case 'now':
      return { scheduledAt: context.now, timezone: context.userTimezone, source: 'composer' };
    case 'at': {
      const { instant } = resolveLocalDateTime(timing.localDateTime, timing.timezone, timing.repeatedTime);
      if (instant.getTime() < context.now.getTime() - PAST_TOLERANCE_MS) {
        throw new DomainError('bad_request', `${timing.localDateTime.replace('T', ' ')} in ${timing.timezone} has already passed; pick a later time or post now.`);
      }
      return { scheduledAt: instant, timezone: timing.timezone, source: 'composer' };
    }
    case 'queue': {
      const slot = await findNextQueueSlot(db, { accountId: context.accountId, after: context.now });
      if (!slot) {
        throw new DomainError('bad_request', 'This account has no posting slots yet; add some on the Queue page, or pick a time.');
      }
      const [account] = await db.select({ timezone: xAccounts.timezone }).from(xAccounts).where(eq(xAccounts.id, context.accountId));
      return { scheduledAt: slot, timezone: account?.timezone ?? context.userTimezone, source: 'queue' };
    }
  }
}
