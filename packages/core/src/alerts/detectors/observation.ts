import type { Executor } from '@tweetflow/db';

/** One thing a rule noticed: an incident to open, or a repeat of an open one. */
export type Observation = {
  key: string;
  title: string;
  body: string;
  link: string | null;
  /** How many new occurrences this adds to an open incident (0: still going, nothing new). */
  occurrences: number;
  detail?: Record<string, unknown>;
};

/** An incident of the rule that is still open, as detectors see it. */
export type OpenIncident = { key: string; detail: Record<string, unknown>; lastSeenAt: Date };

export type DetectorInput = {
  workspaceId: string;
  /** Only this account, or all of the workspace's. */
  xAccountId: string | null;
  threshold: number | null;
  /** Events after this and up to `now` are new. */
  since: Date;
  now: Date;
  open: OpenIncident[];
};

/** What a detector reports: observations, and the open incidents that are over. */
export type Detection = { observations: Observation[]; resolvedKeys: string[] };

export type Detector = (db: Executor, input: DetectorInput) => Promise<Detection>;

/**
 * For conditions that hold or not (an account needs reconnecting): every open incident not
 * observed again is over.
 *
 * @example
 * return stateDetection(observations, input.open);
 */
export function stateDetection(observations: Observation[], open: OpenIncident[]): Detection {
  const seen = new Set(observations.map((observation) => observation.key));
  return { observations, resolvedKeys: open.filter((incident) => !seen.has(incident.key)).map((incident) => incident.key) };
}
