import { compareIds } from './ids';

export type PageMeta = {
  result_count: number;
  newest_id?: string;
  oldest_id?: string;
  next_token?: string;
  previous_token?: string;
};

export type PageRequest = {
  maxResults: number;
  /** A `next_token` / `pagination_token` from an earlier page. */
  token?: string | null;
  /** Only ids this accepts are returned (search filters, excluded replies…). */
  accepts?: (id: string) => boolean;
  /** Stop walking at the first id this rejects (e.g. older than search's 7 days). */
  stopAt?: (id: string) => boolean;
};

/**
 * One page of an ascending id list, newest first, with X's `meta`. Tokens encode the id
 * a page starts at, so pages stay stable while new posts arrive.
 *
 * @example
 * const page = pageNewestFirst(store.postIdsByAuthor.get(id) ?? [], { maxResults: 10 });
 * if (!page) return invalidRequest('bad token');
 */
export function pageNewestFirst(ids: string[], request: PageRequest): { ids: string[]; meta: PageMeta } | undefined {
  let start = ids.length - 1;
  if (request.token) {
    const from = decodeToken(request.token);
    if (!from) return undefined;
    start = lastIndexAtOrBelow(ids, from);
  }
  const accepts = request.accepts ?? (() => true);
  const stopAt = request.stopAt ?? (() => false);
  const page: string[] = [];
  let index = start;
  let nextId: string | undefined;
  for (; index >= 0; index--) {
    const id = ids[index] ?? '';
    if (stopAt(id)) break;
    if (!accepts(id)) continue;
    if (page.length === request.maxResults) {
      nextId = id;
      break;
    }
    page.push(id);
  }
  const previousId = request.token ? newestOfPreviousPage(ids, start, request.maxResults, accepts) : undefined;
  const meta: PageMeta = { result_count: page.length };
  if (page.length > 0) {
    meta.newest_id = page[0];
    meta.oldest_id = page[page.length - 1];
  }
  if (nextId) meta.next_token = encodeToken(nextId);
  if (previousId) meta.previous_token = encodeToken(previousId);
  return { ids: page, meta };
}

function newestOfPreviousPage(ids: string[], start: number, size: number, accepts: (id: string) => boolean) {
  let found: string | undefined;
  let count = 0;
  for (let index = start + 1; index < ids.length && count < size; index++) {
    const id = ids[index] ?? '';
    if (!accepts(id)) continue;
    found = id;
    count++;
  }
  return found;
}

function lastIndexAtOrBelow(ids: string[], id: string): number {
  let low = 0;
  let high = ids.length - 1;
  let answer = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (compareIds(ids[middle] ?? '', id) <= 0) {
      answer = middle;
      low = middle + 1;
    } else high = middle - 1;
  }
  return answer;
}

function encodeToken(id: string): string {
  return BigInt(id).toString(36);
}

function decodeToken(token: string): string | undefined {
  if (!/^[0-9a-z]{1,13}$/.test(token)) return undefined;
  let value = 0n;
  for (const digit of token) value = value * 36n + BigInt(parseInt(digit, 36));
  return value.toString();
}
