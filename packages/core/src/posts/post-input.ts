import { MAX_THREAD_ITEMS, postTextProblem } from '@tweetflow/x/rules';
import { z } from 'zod';

const xPostId = z.string().regex(/^\d{1,19}$/, { error: 'must be the numeric id of a post on X' });

/** One item of a thread as the composer sends it. Media are ids from the upload endpoint. */
export const postItemInputSchema = z.object({
  text: z.string().superRefine((text, context) => {
    const problem = postTextProblem(text);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  }),
  mediaIds: z.array(z.uuid({ error: 'must be an uploaded media id' })).max(4, { error: 'A post can carry up to 4 media.' }).default([]),
});

/** The content of a post: which account, the thread's items, and what it replies to or quotes. */
export const postContentSchema = z.object({
  accountId: z.uuid({ error: 'choose an X account' }),
  items: z
    .array(postItemInputSchema)
    .min(1, { error: 'A post needs at least one item.' })
    .max(MAX_THREAD_ITEMS, { error: `A thread can have up to ${MAX_THREAD_ITEMS} items.` }),
  replyToXPostId: xPostId.optional(),
  quoteXPostId: xPostId.optional(),
});

/** "2026-12-01T09:00" — a wall-clock time without zone, as a person picks it. */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: 'must be a date and time like 2026-12-01T09:00' });

export const timezoneSchema = z.string().refine(isTimeZone, { error: 'must be an IANA time zone such as Europe/Berlin' });

/**
 * When to publish: keep as a draft, publish now, at a local time in a zone (with the choice
 * for a time that happens twice when clocks go back), or in the account's next free queue slot.
 */
export const publishTimingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('draft') }),
  z.object({ kind: z.literal('now') }),
  z.object({
    kind: z.literal('at'),
    localDateTime: localDateTimeSchema,
    timezone: timezoneSchema,
    /** For a time that occurs twice (clocks go back): the first or the second occurrence. */
    repeatedTime: z.enum(['earlier', 'later']).default('earlier'),
  }),
  z.object({ kind: z.literal('queue') }),
]);

export type PostItemInput = z.output<typeof postItemInputSchema>;
export type PostContent = z.output<typeof postContentSchema>;

/**
 * The columns of a `posts` row that its content decides: the thread itself lives in
 * `post_items`, its summary (first text, length) on the post. Every writer of items sets
 * these in the same transaction, so the summary never disagrees with the items.
 *
 * @example
 * await tx.update(posts).set({ ...postContentColumns(content), updatedAt: now }).where(eq(posts.id, postId));
 */
export function postContentColumns(content: PostContent) {
  return {
    xAccountId: content.accountId,
    replyToXPostId: content.replyToXPostId ?? null,
    quoteXPostId: content.quoteXPostId ?? null,
    firstText: content.items[0]?.text ?? '',
    itemCount: content.items.length,
  };
}
export type PublishTiming = z.output<typeof publishTimingSchema>;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}
