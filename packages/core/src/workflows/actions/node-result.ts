/**
 * What running a node gives the runner: its output and the branch to follow, or a wait
 * until an instant (with what the node has done so far, to resume it then).
 */
export type NodeResult =
  | { kind: 'done'; output: unknown; branch: string }
  | { kind: 'wait'; until: Date; state: Record<string, unknown> };

/** A node failed in a way retrying may fix (network, X's 5xx, rate limit). */
export class TransientStepError extends Error {
  override readonly name = 'TransientStepError';

  constructor(
    message: string,
    /** When trying again makes sense, if known (a rate-limit reset). */
    readonly retryAt?: Date,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A node failed for good; the message is for the person reading the run. */
export class StepFailure extends Error {
  override readonly name = 'StepFailure';
}

export const done = (output: unknown, branch = 'next'): NodeResult => ({ kind: 'done', output, branch });
