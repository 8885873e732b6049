/** New metric snapshots were stored for an account (or for competitors when `xAccountId` is null). */
export type MetricsUpdatedEvent = {
  type: 'metrics.updated';
  xAccountId: string | null;
  /** How many posts got a new snapshot. */
  posts: number;
  /** ISO 8601 instant of the snapshots. */
  capturedAt: string;
};

/** An alert incident opened or recurred (the in-app notification arrives separately). */
export type AlertEvent = {
  type: 'alert';
  incidentId: string;
  ruleKind: string;
  title: string;
  /** Observations so far; 1 when the incident just opened. */
  count: number;
};
