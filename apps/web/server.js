// Production entry: serves the adapter-node build behind the URL people use.
//
// adapter-node 6 derives each request's origin from its Host header plus a protocol that
// defaults to https (or comes from PROTOCOL_HEADER behind a proxy). Served directly over
// plain http, every form POST would then fail SvelteKit's CSRF origin check. Telling the
// handler the protocol of PUBLIC_URL, unless a proxy already sent one, keeps the check on
// and correct in both setups.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const publicUrl = new URL(process.env.PUBLIC_URL ?? `http://localhost:${port}`);
const protocol = publicUrl.protocol.replace(':', '');

process.env.PROTOCOL_HEADER ||= 'x-forwarded-proto';
const protocolHeader = process.env.PROTOCOL_HEADER.toLowerCase();
const { handler } = await import('./build/handler.js');
// Importing the handler ran the app's server `init` hook, which left here the route served
// before SvelteKit: webhook calls, answered without SvelteKit's request machinery
// (src/lib/server/node-routes.ts says why).
const nodeRoute = globalThis[Symbol.for('tweetflow.web.nodeRoute')];
if (typeof nodeRoute !== 'function') throw new Error('The built app did not expose its webhook route; rebuild it with `pnpm --filter @tweetflow/web build`.');

const server = http.createServer((request, response) => {
  if (nodeRoute(request, response)) return;
  request.headers[protocolHeader] ??= protocol;
  handler(request, response);
});
server.listen(port, host, () => console.log(`Listening on ${publicUrl.origin} (bound to ${host}:${port})`));

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
