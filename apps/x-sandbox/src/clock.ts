/**
 * The sandbox's sense of time. Everything time-dependent (code and token expiry,
 * rate-limit windows, metrics growth, media processing) reads it, so tests and the
 * admin API can move time forward instead of waiting.
 */
export type SandboxClock = {
  now(): number;
  /** Moves time forward by `ms`; the only way time jumps. */
  advance(ms: number): void;
};

/**
 * Real time plus whatever the clock has been advanced by.
 *
 * @example
 * const clock = realClock();
 * clock.advance(15 * 60_000); // rate-limit windows reset
 */
export function realClock(): SandboxClock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance: (ms) => {
      offset += ms;
    },
  };
}

/**
 * A clock that stands still until advanced, for fully repeatable tests.
 *
 * @example
 * const clock = fixedClock(Date.parse('2026-01-01T00:00:00Z'));
 */
export function fixedClock(start: number): SandboxClock {
  let current = start;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
  };
}
