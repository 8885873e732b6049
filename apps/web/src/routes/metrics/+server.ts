import { timingSafeEqual } from 'node:crypto';
import { prometheusMetrics, systemHealth } from '@tweetflow/core/health';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

/** Compares in constant time, so the token cannot be guessed byte by byte from response times. */
function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Prometheus scrape endpoint: queues, workers, rate-limit windows and database size (the
 * system health page's figures). With METRICS_TOKEN set it answers only
 * `Authorization: Bearer <token>`.
 */
export const GET: RequestHandler = async ({ request }) => {
  const runtime = await getRuntime();
  const token = runtime.config.METRICS_TOKEN;
  if (token) {
    const given = /^Bearer (.+)$/i.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
    if (!sameToken(given, token)) {
      return new Response('Send the METRICS_TOKEN as "Authorization: Bearer <token>".\n', {
        status: 401,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' },
      });
    }
  }
  const { contentType, body } = await prometheusMetrics(await systemHealth(runtime.db, runtime.boss, runtime.clock.now()));
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
};
