import type { SubmitFunction } from '$app/forms';

/**
 * Tracks whether a progressively enhanced form is being submitted, so its button can say
 * "Signing in…" and refuse double submits.
 */
export class PendingSubmit {
  pending = $state(false);

  readonly enhance: SubmitFunction = () => {
    this.pending = true;
    return async ({ update }) => {
      await update();
      this.pending = false;
    };
  };
}
