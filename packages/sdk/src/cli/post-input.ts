import { UsageError } from './usage-error.ts';

/**
 * The items of a thread written in one file: items are separated by a line holding only
 * `---`; blank lines around an item are dropped, blank lines inside it are kept.
 *
 * @example
 * parseThreadFile('First post\n---\nSecond post\n'); // ['First post', 'Second post']
 */
export function parseThreadFile(text: string): string[] {
  const items = text
    .replace(/\r\n?/g, '\n')
    .split(/^---[ \t]*$/m)
    .map((item) => item.replace(/^\s*\n|\n\s*$/g, '').trim());
  if (items.some((item) => item.length === 0)) {
    throw new UsageError('The thread file has an empty post: write text between every pair of `---` lines.');
  }
  return items;
}

/**
 * A wall-clock time as a person types it, in the API's form (no zone: the zone is given
 * apart, and the server resolves the instant, daylight saving included).
 *
 * @example
 * parseLocalDateTime('2026-12-01 09:00'); // '2026-12-01T09:00'
 */
export function parseLocalDateTime(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!match) throw new UsageError(`--at "${text}" is not a date and time like "2026-12-01 09:00".`);
  const [, date, hours, minutes, seconds] = match;
  return `${date}T${hours!.padStart(2, '0')}:${minutes}${seconds ? `:${seconds}` : ''}`;
}

/**
 * The connected account an `--account` option names: `@username`, `username` or its id.
 *
 * @example
 * findAccount(accounts, '@ada').id;
 */
export function findAccount<Account extends { id: string; username: string }>(accounts: readonly Account[], wanted: string): Account {
  const name = wanted.replace(/^@/, '').toLowerCase();
  const account = accounts.find((candidate) => candidate.id === wanted || candidate.username.toLowerCase() === name);
  if (!account) {
    const connected = accounts.map((candidate) => `@${candidate.username}`).join(', ') || 'none';
    throw new UsageError(`No X account ${wanted} is connected to this workspace (connected: ${connected}).`);
  }
  return account;
}
