import type { Caller } from '@tweetflow/api';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in caller, or null for anonymous requests. */
      caller: Caller | null;
    }
  }
}

export {};
