/**
 * Polls `check` every `intervalMs` until it returns a value, reporting each miss to
 * `onPoll`; fails after `timeoutMs` with `describe()` saying what was last seen.
 *
 * @example
 * const done = await pollUntil(async () => ((await countPublished()) === n ? n : undefined), { timeoutMs: 120_000 });
 */
export async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; describe?: () => Promise<string> | string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${options.timeoutMs / 1000} s: ${(await options.describe?.()) ?? 'condition never held'}`);
    await sleep(options.intervalMs ?? 200);
  }
}

/**
 * Resolves after `ms` milliseconds.
 *
 * @example
 * await sleep(500);
 */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
