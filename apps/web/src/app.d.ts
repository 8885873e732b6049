import type { Caller } from '@tweetflow/api';
import type { RequestClient, SessionUser } from '@tweetflow/core';

declare global {
  namespace App {
    interface Locals {
      /** The signed-in caller, or null for anonymous requests. */
      caller: Caller | null;
      /** The person behind a browser session (null for API tokens and anonymous requests). */
      user: SessionUser | null;
      /** Why a presented API token was refused, for the API's error message. */
      authFailure: string | null;
      /** Where the request came from, for the audit log and per-address limits. */
      client: RequestClient;
    }
  }
}

export {};
