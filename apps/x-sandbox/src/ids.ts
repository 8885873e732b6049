/** X's snowflake epoch (2010-11-04), so ids look and sort like X's. */
const SNOWFLAKE_EPOCH = 1288834974657n;

/**
 * Issues snowflake-style numeric string ids that always increase, even when the clock
 * stands still or several ids are needed in one millisecond, so "newest first" is just
 * "highest id first".
 *
 * @example
 * const ids = new SnowflakeIds(clock); ids.next(); // '1995839473892917248'
 */
export class SnowflakeIds {
  #last = 0n;

  constructor(private readonly now: () => number) {}

  next(): string {
    const fromTime = (BigInt(Math.floor(this.now())) - SNOWFLAKE_EPOCH) << 22n;
    this.#last = fromTime > this.#last ? fromTime : this.#last + 1n;
    return this.#last.toString();
  }

  /** Continues after ids restored from a saved state. */
  observe(id: string): void {
    const value = BigInt(id);
    if (value > this.#last) this.#last = value;
  }
}

/** Compares numeric string ids without converting them to (lossy) numbers. */
export function compareIds(left: string, right: string): number {
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}
