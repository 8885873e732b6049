import type { PostPerformance } from './post-performance';

const COLUMNS: [string, (post: PostPerformance) => string | number | null][] = [
  ['posted_at', (post) => post.postedAt.toISOString()],
  ['account', (post) => `@${post.username}`],
  ['x_post_id', (post) => post.xPostId],
  ['text', (post) => post.text],
  ['impressions', (post) => post.impressions],
  ['likes', (post) => post.likes],
  ['reposts', (post) => post.reposts],
  ['replies', (post) => post.replies],
  ['quotes', (post) => post.quotes],
  ['bookmarks', (post) => post.bookmarks],
  ['engagements', (post) => post.engagements],
  ['engagement_rate', (post) => (post.engagementRate === null ? null : post.engagementRate.toFixed(6))],
  ['url_link_clicks', (post) => post.urlLinkClicks],
  ['profile_clicks', (post) => post.profileClicks],
];

/** Quotes a field when it holds a comma, quote or line break (RFC 4180). */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  // A leading = + - @ would run as a formula in a spreadsheet: a tab-free apostrophe keeps it text.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/**
 * The posts as CSV (header row first, CRLF line ends), for spreadsheets.
 *
 * @example
 * postsCsv(posts).split('\r\n')[0]; // 'posted_at,account,x_post_id,text,impressions,…'
 */
export function postsCsv(posts: PostPerformance[]): string {
  const lines = [COLUMNS.map(([name]) => name).join(',')];
  for (const post of posts) lines.push(COLUMNS.map(([, value]) => field(value(post))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
