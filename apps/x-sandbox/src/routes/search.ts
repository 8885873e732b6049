import { invalidRequest } from '../problems';
import { compileSearchQuery } from '../search-query';
import { userRoute, type SandboxRoute } from './context';
import { atOrBeforeSinceId, pagedPosts } from './timelines';
import { boundedInteger } from './validation';

/** Recent search covers the last seven days, as on X. */
const RECENT_WINDOW_MS = 7 * 24 * 60 * 60_000;

export const searchRoutes: SandboxRoute[] = [
  userRoute('GET', '/2/tweets/search/recent', ['tweet.read', 'users.read'], (context) => {
    const { world, url } = context;
    const query = url.searchParams.get('query') ?? '';
    if (query.trim() === '' || query.length > 512) {
      return invalidRequest('The `query` parameter must be 1 to 512 characters.', { query: [query] });
    }
    const maxResults = boundedInteger(url, 'max_results', 10, 100, 10);
    if (maxResults === undefined) {
      return invalidRequest('`max_results` must be between 10 and 100.', { max_results: [url.searchParams.get('max_results') ?? ''] });
    }
    const matches = compileSearchQuery(query, world.store);
    const cutoff = world.now() - RECENT_WINDOW_MS;
    const { posts } = world.store;
    return pagedPosts(
      context,
      world.store.postIds,
      {
        maxResults,
        token: url.searchParams.get('next_token') ?? url.searchParams.get('pagination_token'),
        accepts: (id) => {
          const post = posts.get(id);
          return post !== undefined && matches(post);
        },
        // Ids grow with time, so the first post older than the window (or than since_id) ends the walk.
        stopAt: (id) => (posts.get(id)?.createdAt ?? 0) < cutoff || atOrBeforeSinceId(url, id),
      },
      'next_token',
    );
  }),
];
