/**
 * A distinct colour per X account, so a calendar with several accounts reads at a glance.
 * Chosen by the account's place in the workspace's list, which is stable (sorted by username).
 */
const PALETTE = ['#0284c7', '#7c3aed', '#db2777', '#059669', '#d97706', '#4f46e5', '#0d9488', '#dc2626'] as const;

export function accountColor(accountIds: readonly string[], accountId: string | null | undefined): string {
  const index = accountId ? accountIds.indexOf(accountId) : -1;
  return index < 0 ? '#64748b' : PALETTE[index % PALETTE.length]!;
}
