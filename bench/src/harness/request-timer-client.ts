// The client side of `timeRequestsApart` (request-timer.ts), run as its own small process
// by plain `node` (type stripping: builtins only, no syntax that needs compiling).
// Input: one JSON argument; output: one JSON line of raw timings on stdout.

type Order = { url: string; cookie: string; count: number; warmUp: number };

const order = JSON.parse(process.argv[2] ?? '{}') as Order;
const times: number[] = [];
const serverTimes: number[] = [];
/** Per answer: its status, and how many posts it held (null when it held none). */
const answers: { status: number; posts: number | null }[] = [];

for (let index = 0; index < order.warmUp + order.count; index++) {
  const started = performance.now();
  const response = await fetch(order.url, { headers: { cookie: order.cookie } });
  const body = (await response.json()) as { result?: { data?: { json?: { posts?: unknown[] } } } };
  const elapsed = performance.now() - started;
  if (index < order.warmUp) continue;
  times.push(elapsed);
  const serverTime = /app;dur=([\d.]+)/.exec(response.headers.get('server-timing') ?? '')?.[1];
  if (serverTime) serverTimes.push(Number(serverTime));
  answers.push({ status: response.status, posts: body.result?.data?.json?.posts?.length ?? null });
}

process.stdout.write(`${JSON.stringify({ times, serverTimes, answers })}\n`);
