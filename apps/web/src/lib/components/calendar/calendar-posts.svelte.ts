import type { LiveMessage } from '#lib/client/live-events.svelte.ts';
import type { CalendarPage, CalendarPost } from '#lib/client/publishing-types.ts';
import { trpc } from '#lib/trpc.ts';

export type CalendarRange = { from: Date; to: Date };

/**
 * A page's entries as the calendar works with them: times as Dates, each with its account.
 *
 * @example
 * loaded.push(...calendarPostsOf(await trpc.posts.calendar.query(range)));
 */
export function calendarPostsOf(page: CalendarPage): CalendarPost[] {
  const accounts = new Map(page.accounts.map((account) => [account.id, account]));
  return page.posts.map(({ accountId, scheduledAt, publishedAt, ...entry }) => ({
    ...entry,
    scheduledAt: new Date(scheduledAt),
    publishedAt: publishedAt === null ? null : new Date(publishedAt),
    account: (accountId && accounts.get(accountId)) || null,
  }));
}

const PAGE_SIZE = 500;
const MAX_PAGES = 10;

/**
 * The posts shown on the calendar for its visible range, kept current by the workspace's
 * live events: a status change is applied in place at once; anything the page cannot
 * patch (a post it has not loaded, a resync after a reconnect) reloads the range.
 */
export class CalendarPosts {
  posts = $state<CalendarPost[]>([]);
  loading = $state(false);
  failure = $state<string | null>(null);
  /** Ids whose status just changed live, for a short highlight. */
  justChanged = $state<Record<string, true>>({});

  readonly #workspaceId: string;
  #range: CalendarRange | null = null;
  #generation = 0;
  #reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(workspaceId: string) {
    this.#workspaceId = workspaceId;
  }

  async load(range: CalendarRange): Promise<void> {
    this.#range = range;
    const generation = ++this.#generation;
    this.loading = true;
    try {
      const loaded: CalendarPost[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < MAX_PAGES; page++) {
        const result: CalendarPage = await trpc.posts.calendar.query({
          workspaceId: this.#workspaceId,
          from: range.from,
          to: range.to,
          limit: PAGE_SIZE,
          cursor,
        });
        loaded.push(...calendarPostsOf(result));
        cursor = result.nextCursor;
        if (!cursor) break;
      }
      if (generation !== this.#generation) return;
      this.posts = loaded;
      this.failure = null;
    } catch {
      if (generation === this.#generation) this.failure = 'The calendar could not load posts. It retries when the connection is back.';
    } finally {
      if (generation === this.#generation) this.loading = false;
    }
  }

  reload(): void {
    clearTimeout(this.#reloadTimer);
    // Several events in a burst (a thread publishing item by item) make one reload.
    this.#reloadTimer = setTimeout(() => this.#range && void this.load(this.#range), 150);
  }

  /** Applies a live message; returns the post it changed, if it was on the calendar. */
  apply(message: LiveMessage): CalendarPost | null {
    if (message.type === 'resync') {
      this.reload();
      return null;
    }
    if (message.type !== 'post.changed') return null;
    const post = this.posts.find((candidate) => candidate.id === message.postId);
    if (!post) {
      if (this.#inRange(message.scheduledAt) || this.#inRange(message.publishedAt)) this.reload();
      return null;
    }
    const moved = post.scheduledAt?.getTime() !== message.scheduledAt?.getTime();
    Object.assign(post, {
      status: message.status,
      statusReason: message.statusReason,
      scheduledAt: message.scheduledAt,
      publishedAt: message.publishedAt,
    });
    this.justChanged[post.id] = true;
    setTimeout(() => delete this.justChanged[post.id], 2_500);
    // The message carries everything an entry shows; only a move can take it out of the range.
    if (moved) this.reload();
    return post;
  }

  /** Changes a post in place (after a drag or an action) before the server confirms it. */
  patch(postId: string, changes: Partial<Pick<CalendarPost, 'scheduledAt' | 'status' | 'statusReason'>>): void {
    const post = this.posts.find((candidate) => candidate.id === postId);
    if (post) Object.assign(post, changes);
  }

  remove(postId: string): void {
    this.posts = this.posts.filter((post) => post.id !== postId);
  }

  #inRange(at: Date | null): boolean {
    return at !== null && this.#range !== null && at >= this.#range.from && at < this.#range.to;
  }
}
