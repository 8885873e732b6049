import { Temporal } from 'temporal-polyfill';
import { postTextProblem } from '@tweetflow/x/rules';
import { timezoneSchema } from '../posts/post-input';
import type { CsvRow } from './csv-rows';
import { resolveLocalDateTime } from './local-time';

/** How a row of an import file will be scheduled, and everything wrong with it. */
export type CsvRowReport = {
  line: number;
  /** True when the row has no problems (warnings do not stop it). */
  ok: boolean;
  text: string;
  /** The start of the text, for a review table. */
  textPreview: string;
  /** The username as connected ("ada"), or as written when it is not connected. */
  account: string | null;
  accountId: string | null;
  localDateTime: string | null;
  timezone: string;
  instant: Date | null;
  /** A link to media for the post, downloaded and attached when the import is confirmed. */
  mediaUrl: string | null;
  /** Reasons the row cannot be imported; the import refuses the file until they are fixed. */
  problems: string[];
  /** Things to know that do not stop the row (a time moved by a clock change, …). */
  warnings: string[];
};

/** What a row is checked against: the workspace's accounts, the importer's zone, the time now. */
export type CsvRowContext = {
  /** Lower-cased username → the connected account. */
  accounts: ReadonlyMap<string, { id: string; username: string }>;
  defaultTimezone: string;
  now: Date;
};

const PREVIEW_LENGTH = 80;
const TIME_PATTERN = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:00)?$/;

/**
 * Checks one row of an import file and resolves its time, collecting every problem rather
 * than stopping at the first, so one pass over the report fixes the file.
 *
 * @example
 * checkCsvRow({ line: 2, cells: { text: 'Hi', time: '2026-12-01 09:00', account: '@ada', timezone: '', media_url: '' } }, context);
 * // { line: 2, ok: true, account: 'ada', instant: 2026-12-01T08:00:00Z, timezone: 'Europe/Berlin', … }
 */
export function checkCsvRow(row: CsvRow, context: CsvRowContext): CsvRowReport {
  const problems: string[] = [];
  const warnings: string[] = [];
  const { text, media_url: mediaUrl } = row.cells;

  const textProblem = postTextProblem(text);
  if (textProblem) problems.push(textProblem);

  const written = row.cells.account.replace(/^@/, '');
  const account = written ? context.accounts.get(written.toLowerCase()) : undefined;
  if (!written) problems.push('No account: write the username of one of this workspace’s X accounts.');
  else if (!account) problems.push(`@${written} is not connected to this workspace; ${connectedList(context.accounts)}.`);

  const timezone = row.cells.timezone || context.defaultTimezone;
  const zoneOk = timezoneSchema.safeParse(timezone).success;
  if (!zoneOk) problems.push(`Unknown time zone "${timezone}"; use an IANA zone such as Europe/Berlin, or leave it empty for ${context.defaultTimezone}.`);

  const localDateTime = readLocalDateTime(row.cells.time, problems);
  let instant: Date | null = null;
  if (localDateTime && zoneOk) {
    const resolution = resolveLocalDateTime(localDateTime, timezone);
    instant = resolution.instant;
    if (resolution.kind !== 'exact') warnings.push(resolution.message);
    if (instant.getTime() <= context.now.getTime()) {
      problems.push(`${localDateTime.replace('T', ' ')} (${timezone}) has already passed; choose a time in the future.`);
    }
  }

  if (mediaUrl) {
    if (isWebLink(mediaUrl)) {
      warnings.push('The media link is downloaded and attached when you confirm the import.');
    } else {
      problems.push(`media_url "${shorten(mediaUrl, 60)}" is not a web link; use a full http:// or https:// address, or leave it empty.`);
    }
  }

  return {
    line: row.line,
    ok: problems.length === 0,
    text,
    textPreview: shorten(text, PREVIEW_LENGTH),
    account: account?.username ?? (written || null),
    accountId: account?.id ?? null,
    localDateTime,
    timezone,
    instant,
    mediaUrl: mediaUrl || null,
    problems,
    warnings,
  };
}

/** "2026-12-01 09:00" or "2026-12-01T09:00" as "2026-12-01T09:00", or null with the reason added. */
function readLocalDateTime(time: string, problems: string[]): string | null {
  if (!time) {
    problems.push('No time: write when to post, like 2026-12-01 09:00.');
    return null;
  }
  const match = TIME_PATTERN.exec(time);
  if (!match) {
    problems.push(`The time "${shorten(time, 40)}" is not in the form 2026-12-01 09:00 (year-month-day, 24-hour time).`);
    return null;
  }
  const localDateTime = `${match[1]}T${match[2]}`;
  try {
    Temporal.PlainDateTime.from(localDateTime, { overflow: 'reject' });
  } catch {
    problems.push(`The time "${time}" is not a real date and time.`);
    return null;
  }
  return localDateTime;
}

function connectedList(accounts: CsvRowContext['accounts']): string {
  const names = [...accounts.values()].map((account) => `@${account.username}`).sort();
  return names.length === 0 ? 'connect an X account first' : `connected: ${names.join(', ')}`;
}

function isWebLink(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function shorten(text: string, length: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= length ? oneLine : `${oneLine.slice(0, length - 1)}…`;
}
