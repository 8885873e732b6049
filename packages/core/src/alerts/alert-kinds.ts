/** What each kind of rule watches, how its threshold reads, and its default threshold. */
export const ALERT_KINDS = {
  publish_failed: { label: 'Publish failures', threshold: null, describe: 'A post could not be published.' },
  account_needs_reauth: { label: 'Account needs reconnecting', threshold: null, describe: 'X refused an account’s tokens; its posts wait until someone reconnects it.' },
  rate_limit_budget: {
    label: 'Rate-limit budget',
    threshold: { unit: 'percent used', default: 80 },
    describe: 'An account used more than the threshold of an X rate-limit window.',
  },
  engagement_drop: {
    label: 'Engagement drop',
    threshold: { unit: 'percent drop', default: 30 },
    describe: 'An account’s engagement rate over the last 7 days fell by more than the threshold against the 7 days before.',
  },
  follower_drop: {
    label: 'Follower drop',
    threshold: { unit: 'percent drop', default: 2 },
    describe: 'An account lost more than the threshold of its followers since the previous daily reading.',
  },
  workflow_failed: { label: 'Workflow failures', threshold: null, describe: 'A workflow run failed.' },
} as const;

export type AlertKind = keyof typeof ALERT_KINDS;

/**
 * The threshold a rule uses: its own, or the kind's default; null for kinds without one.
 *
 * @example
 * effectiveThreshold('rate_limit_budget', null); // 80
 */
export function effectiveThreshold(kind: AlertKind, threshold: number | null): number | null {
  const spec = ALERT_KINDS[kind].threshold;
  return spec === null ? null : (threshold ?? spec.default);
}
