import { createServer } from 'node:http';
import type { Runtime } from '@tweetflow/core';

/**
 * A minimal HTTP endpoint for container health checks: `GET /healthz` answers 200 while
 * the worker can reach its database and queue, 503 otherwise.
 */
export async function startHealthServer(runtime: Runtime, port: number): Promise<{ close(): Promise<void> }> {
  const server = createServer(async (request, response) => {
    if (request.url !== '/healthz') {
      response.writeHead(404).end();
      return;
    }
    const readiness = await runtime.checkReadiness();
    response.writeHead(readiness.ok ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify(readiness));
  });
  await new Promise<void>((resolve) => server.listen(port, '0.0.0.0', resolve));
  return { close: () => new Promise((resolve) => server.close(() => resolve())) };
}
