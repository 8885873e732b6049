import { untrack } from 'svelte';

export type ToastTone = 'success' | 'error';
export type Toast = { id: number; tone: ToastTone; message: string };

const VISIBLE_MS = 5_000;

/**
 * Short confirmations shown in a corner of the app. Errors stay until dismissed, because a
 * person may need time to read what went wrong; successes fade on their own.
 */
class ToastQueue {
  #items = $state<Toast[]>([]);
  #nextId = 1;

  get items(): readonly Toast[] {
    return this.#items;
  }

  success(message: string): void {
    const id = this.#push('success', message);
    setTimeout(() => this.dismiss(id), VISIBLE_MS);
  }

  error(message: string): void {
    this.#push('error', message);
  }

  dismiss(id: number): void {
    untrack(() => (this.#items = this.#items.filter((toast) => toast.id !== id)));
  }

  #push(tone: ToastTone, message: string): number {
    const id = this.#nextId++;
    // Untracked, so an effect that announces something does not re-run on its own toast.
    untrack(() => (this.#items = [...this.#items, { id, tone, message }]));
    return id;
  }
}

export const toasts = new ToastQueue();
