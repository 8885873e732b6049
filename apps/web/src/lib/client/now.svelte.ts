import { createSubscriber } from 'svelte/reactivity';

const TICK_MS = 30_000;

/**
 * The current time as reactive state, so "in 5 minutes" stays true while a page is open.
 * The timer only runs while something on the page reads it.
 */
class Now {
  #subscribe = createSubscriber((update) => {
    const timer = setInterval(update, TICK_MS);
    return () => clearInterval(timer);
  });

  get current(): Date {
    this.#subscribe();
    return new Date();
  }
}

export const now = new Now();
