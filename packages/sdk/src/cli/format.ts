import type { Post } from '../types.ts';

/** The zone of the machine the CLI runs on (TZ, else the system's). */
export function localZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * An instant as a wall-clock time in a zone, the way people read a calendar.
 *
 * @example
 * wallClock(new Date('2026-12-01T08:00:00Z'), 'Europe/Berlin'); // '2026-12-01 09:00 Europe/Berlin'
 */
export function wallClock(instant: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(instant);
  return `${text} ${timeZone}`;
}

/**
 * One line about a post: where and when it goes out, and how it ended.
 *
 * @example
 * describePost(post); // 'published on @ada at 2026-12-01 09:00 Europe/Berlin (3 posts)'
 */
export function describePost(post: Post): string {
  const where = post.account ? ` on @${post.account.username}` : '';
  const at = post.publishedAt ?? post.scheduledAt;
  const when = at ? ` at ${wallClock(at, post.timezone)}` : '';
  const size = post.items.length > 1 ? ` (${post.items.length} posts)` : '';
  const reason = post.statusReason ? `: ${post.statusReason}` : '';
  return `${post.status}${where}${when}${size}${reason}`;
}

/**
 * A post's first text for a table, with how many more items its thread has.
 *
 * @example
 * postSummary(thread); // 'Launch day 🚀 (+2)'
 */
export function postSummary(post: Post): string {
  const first = post.items[0]?.text ?? '';
  return post.items.length > 1 ? `${first} (+${post.items.length - 1})` : first;
}
