/** A path segment that names one object (a post, user or media id, or a route parameter). */
const ID_SEGMENT = /^(\d+|:[A-Za-z_]+)$/;

/**
 * The ledger key for a request: method plus path, with ids replaced by `:id`, so every
 * post deleted or liked counts against the same window, as it does at X.
 *
 * @example
 * endpointKey('POST', 'https://api.x.com/2/tweets'); // 'POST /2/tweets'
 * endpointKey('delete', 'https://api.x.com/2/tweets/1893?x=1'); // 'DELETE /2/tweets/:id'
 */
export function endpointKey(method: string, url: string | URL): string {
  const { pathname } = typeof url === 'string' ? new URL(url, 'https://api.x.com') : url;
  const path = pathname
    .split('/')
    // Segment 1 is the API version ("2"), which is a number but not an id.
    .map((segment, index) => (index > 1 && ID_SEGMENT.test(segment) ? ':id' : segment))
    .join('/')
    .replace(/\/+$/, '');
  return `${method.toUpperCase()} ${path || '/'}`;
}
