import { prometheusMetrics, systemHealth } from '@tweetflow/core/health';
import { getRuntime } from '#lib/server/runtime.ts';
import { mayScrape } from '#lib/server/scrape-authorization.ts';
import type { RequestHandler } from './$types';

/**
 * Prometheus scrape endpoint: queues, workers, rate-limit windows and database size (the
 * system health page's figures). With METRICS_TOKEN set it answers only
 * `Authorization: Bearer <token>`.
 */
export const GET: RequestHandler = async ({ request }) => {
  const runtime = await getRuntime();
  if (!mayScrape(request.headers.get('authorization'), runtime.config.METRICS_TOKEN)) {
    return new Response('Send the METRICS_TOKEN as "Authorization: Bearer <token>".\n', {
      status: 401,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' },
    });
  }
  const { contentType, body } = await prometheusMetrics(await systemHealth(runtime.db, runtime.boss, runtime.clock.now()));
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
