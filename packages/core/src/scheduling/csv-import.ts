import { eq } from 'drizzle-orm';
import { xAccounts, type Executor } from '@tweetflow/db';
import { MAX_MEDIA_BYTES } from '@tweetflow/x/rules';
import type { MediaStore } from '../media/media-store';
import { storeMedia } from '../media/store-media';
import { safeRequest } from '../http/safe-request';
import { DomainError } from '../errors';
import { createPosts } from '../posts/create-posts';
import type { PublishingDeps } from '../posts/publishing-deps';
import { checkCsvRow, type CsvRowReport } from './csv-row-check';
import { readCsvRows } from './csv-rows';

/** What an import would do: every row with its problems, and problems of the file itself. */
export type CsvImportReport = {
  /** Reasons the file cannot be read at all (no header, too many rows, broken quoting). */
  problems: string[];
  rows: CsvRowReport[];
  okCount: number;
  errorCount: number;
};

/** How many bad lines a refusal names before summing up the rest. */
const LINES_NAMED_IN_REFUSAL = 10;

/**
 * Checks a bulk-scheduling CSV without creating anything: each row's text (as X counts
 * it), account, time and zone (empty zone → `defaultTimezone`), and media link. The person
 * reviews this, fixes the file, and then commits the same text.
 *
 * @example
 * const report = await previewCsvImport(db, { workspaceId, csv, defaultTimezone: 'Europe/Berlin', now: clock.now() });
 * report.rows.filter((row) => !row.ok).map((row) => `line ${row.line}: ${row.problems.join(' ')}`);
 */
export async function previewCsvImport(
  db: Executor,
  input: { workspaceId: string; csv: string; defaultTimezone: string; now: Date },
): Promise<CsvImportReport> {
  const { rows, problems } = readCsvRows(input.csv);
  if (problems.length > 0) return { problems, rows: [], okCount: 0, errorCount: 0 };
  const connected = await db
    .select({ id: xAccounts.id, username: xAccounts.username })
    .from(xAccounts)
    .where(eq(xAccounts.workspaceId, input.workspaceId));
  const accounts = new Map(connected.map((account) => [account.username.toLowerCase(), account]));
  const reports = rows.map((row) => checkCsvRow(row, { accounts, defaultTimezone: input.defaultTimezone, now: input.now }));
  warnAboutRepeatedText(reports);
  const errorCount = reports.filter((row) => !row.ok).length;
  return { problems, rows: reports, okCount: reports.length - errorCount, errorCount };
}

/**
 * Checks the CSV again and, only when no row has a problem, schedules every row as a post
 * (source `csv`) with its publish job in one transaction. Otherwise nothing is created and
 * the refusal names each bad line.
 *
 * @example
 * const { postIds } = await commitCsvImport(db, deps, { workspaceId, userId, csv, defaultTimezone: 'Europe/Berlin' });
 */
export async function commitCsvImport(
  db: Executor,
  deps: PublishingDeps & { media: MediaStore; httpAllowedHosts?: readonly string[] },
  input: { workspaceId: string; userId: string | null; csv: string; defaultTimezone: string },
): Promise<{ postIds: string[] }> {
  const report = await previewCsvImport(db, { ...input, now: deps.clock.now() });
  if (report.problems.length > 0) throw new DomainError('bad_request', `Nothing was scheduled: ${report.problems.join(' ')}`);
  const bad = report.rows.filter((row) => !row.ok);
  if (bad.length > 0) throw new DomainError('bad_request', refusalMessage(bad));
  const mediaByLine = new Map<number, string>();
  for (const row of report.rows) {
    if (row.mediaUrl) mediaByLine.set(row.line, await downloadRowMedia(db, deps, { workspaceId: input.workspaceId, userId: input.userId, line: row.line, url: row.mediaUrl }));
  }
  const postIds = await createPosts(db, deps, {
    workspaceId: input.workspaceId,
    userId: input.userId,
    posts: report.rows.map((row) => ({
      // A row without problems has its account and instant.
      content: { accountId: row.accountId!, items: [{ text: row.text, mediaIds: mediaByLine.has(row.line) ? [mediaByLine.get(row.line)!] : [] }] },
      scheduledAt: row.instant!,
      timezone: row.timezone,
      source: 'csv' as const,
    })),
  });
  return { postIds };
}

/**
 * Fetches a row's media link (SSRF-safe: no private addresses unless allow-listed; at most
 * what X accepts) and stores it like an upload; a link that fails stops the whole import.
 */
async function downloadRowMedia(
  db: Executor,
  deps: { media: MediaStore; httpAllowedHosts?: readonly string[] },
  input: { workspaceId: string; userId: string | null; line: number; url: string },
): Promise<string> {
  const refuse = (why: string) => new DomainError('bad_request', `Nothing was scheduled: line ${input.line}: the media_url ${why}`);
  let response;
  try {
    response = await safeRequest({ method: 'GET', url: input.url, headers: {}, timeoutMs: 30_000, maxResponseBytes: MAX_MEDIA_BYTES, allowedHosts: deps.httpAllowedHosts ?? [] });
  } catch (error) {
    throw refuse(`could not be downloaded (${(error as Error).message})`);
  }
  if (response.status !== 200) throw refuse(`answered HTTP ${response.status}`);
  const mimeType = (response.headers['content-type'] ?? '').split(';')[0]!.trim();
  const fileName = decodeURIComponent(new URL(input.url).pathname.split('/').pop() || 'media');
  try {
    const stored = await storeMedia(db, deps.media, { workspaceId: input.workspaceId, userId: input.userId, fileName, mimeType, bytes: response.bytes });
    return stored.id;
  } catch (error) {
    throw refuse(`is not media X accepts: ${(error as Error).message}`);
  }
}

/** X refuses a post identical to a recent one of the same account; say so before it fails. */
function warnAboutRepeatedText(rows: CsvRowReport[]): void {
  const firstLine = new Map<string, number>();
  for (const row of rows) {
    if (!row.accountId || !row.text) continue;
    const key = `${row.accountId}\n${row.text}`;
    const earlier = firstLine.get(key);
    if (earlier === undefined) firstLine.set(key, row.line);
    else row.warnings.push(`Same text as line ${earlier} for @${row.account}; X refuses a post identical to a recent one.`);
  }
}

function refusalMessage(bad: CsvRowReport[]): string {
  const named = bad.slice(0, LINES_NAMED_IN_REFUSAL).map((row) => `Line ${row.line}: ${row.problems.join(' ')}`);
  const rest = bad.length - named.length;
  const more = rest > 0 ? ` And ${rest} more line${rest === 1 ? '' : 's'}.` : '';
  const count = `${bad.length} row${bad.length === 1 ? ' has' : 's have'} problems`;
  return `Nothing was scheduled: ${count}; fix them and import again. ${named.join(' ')}${more}`;
}
