/**
 * The value below which `fraction` of the samples fall (nearest-rank), or NaN for none.
 *
 * @example
 * percentile([5, 1, 3, 2, 4], 0.5); // 3
 */
export function percentile(samples: readonly number[], fraction: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil(fraction * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/**
 * The middle of the samples: repeated runs on a shared machine are summarised by it
 * because one run disturbed by a neighbour moves a mean but not a median.
 *
 * @example
 * median([10, 900, 12]); // 12
 */
export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
