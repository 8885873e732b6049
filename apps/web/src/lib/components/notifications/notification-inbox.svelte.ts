import { liveEvents } from '#lib/client/live-events.svelte.ts';
import type { NotificationView } from '#lib/client/publishing-types.ts';
import { trpc } from '#lib/trpc.ts';

const LIST_LIMIT = 20;

/**
 * The signed-in person's notifications for the bell: the unread count (live), and the
 * latest ones, loaded when the bell is first opened. Shared by every bell on the page.
 */
class NotificationInbox {
  unread = $state(0);
  items = $state<NotificationView[] | null>(null);
  failure = $state<string | null>(null);

  #stop: (() => void) | null = null;
  #workspaceId: string | null = null;
  #followers = 0;

  /** Starts following a workspace's live notifications; returns the function that stops it. */
  follow(workspaceId: string): () => void {
    this.#followers += 1;
    if (this.#workspaceId !== workspaceId) {
      this.#stop?.();
      this.#workspaceId = workspaceId;
      void this.refreshCount();
      this.#stop = liveEvents.listen(workspaceId, (message) => {
        if (message.type === 'resync') void this.refreshCount();
        if (message.type !== 'notification') return;
        const { notification } = message;
        this.unread += 1;
        if (this.items && !this.items.some((item) => item.id === notification.id)) {
          this.items = [{ ...notification, workspaceId, readAt: null }, ...this.items].slice(0, LIST_LIMIT);
        }
      });
    }
    return () => {
      this.#followers -= 1;
      if (this.#followers > 0) return;
      this.#stop?.();
      this.#stop = null;
      this.#workspaceId = null;
    };
  }

  async refreshCount(): Promise<void> {
    this.unread = await trpc.notifications.unreadCount.query().catch(() => this.unread);
  }

  async load(): Promise<void> {
    try {
      this.items = await trpc.notifications.list.query({ limit: LIST_LIMIT });
      this.failure = null;
    } catch {
      this.failure = 'Notifications could not be loaded. Try again in a moment.';
    }
  }

  async markRead(ids?: string[]): Promise<void> {
    const now = new Date();
    const marked = this.items?.filter((item) => !item.readAt && (!ids || ids.includes(item.id))).length ?? 0;
    this.items = this.items?.map((item) => (!item.readAt && (!ids || ids.includes(item.id)) ? { ...item, readAt: now } : item)) ?? null;
    this.unread = ids ? Math.max(0, this.unread - marked) : 0;
    await trpc.notifications.markRead.mutate(ids ? { ids } : {}).catch(() => this.refreshCount());
  }
}

export const inbox = new NotificationInbox();
