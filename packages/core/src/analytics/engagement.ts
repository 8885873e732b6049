/** The public figures X gives for any post. */
export type PublicPostMetrics = {
  impressions: number;
  likes: number;
  reposts: number;
  replies: number;
  quotes: number;
  bookmarks: number;
};

/**
 * The formula the app shows next to every engagement rate. Only public figures count, so
 * your rates compare fairly with competitors', whose owner-only figures X does not show.
 */
export const ENGAGEMENT_RATE_FORMULA = 'engagement rate = (likes + reposts + replies + quotes + bookmarks) ÷ impressions';

/**
 * A post's engagements: every public interaction with it.
 *
 * @example
 * engagementsOf({ impressions: 1000, likes: 30, reposts: 5, replies: 4, quotes: 1, bookmarks: 10 }); // 50
 */
export function engagementsOf(metrics: PublicPostMetrics): number {
  return metrics.likes + metrics.reposts + metrics.replies + metrics.quotes + metrics.bookmarks;
}

/**
 * Engagements per impression, or null when nothing was seen (a rate of 0 would claim the
 * post was seen and ignored). Over many posts pass the sums, so large posts weigh more.
 *
 * @example
 * engagementRate(50, 1000); // 0.05
 * engagementRate(0, 0); // null
 */
export function engagementRate(engagements: number, impressions: number): number | null {
  return impressions > 0 ? engagements / impressions : null;
}

/**
 * The relative change from `previous` to `current`, or null when there is nothing to compare.
 *
 * @example
 * relativeChange(120, 100); // 0.2
 */
export function relativeChange(current: number | null, previous: number | null): number | null {
  if (current === null || previous === null || previous === 0) return null;
  return (current - previous) / previous;
}
