import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { percentile } from './stats';

const run = promisify(execFile);
const CLIENT = path.join(import.meta.dirname, 'request-timer-client.ts');

export type RequestTimings = {
  p50: number;
  p95: number;
  /** The server's own time per answer (its Server-Timing header). */
  serverP50: number;
  serverP95: number;
  /** Answers that were not 2xx or did not hold `expectedPosts` posts. */
  wrong: number;
  /** Answers without a Server-Timing header. */
  untimed: number;
};

/**
 * Sends `count` GET requests one after another, as one person's browser would, and times
 * each from a small client process of its own. Timed from inside the bench process, its
 * garbage collections (a heap holding everything the run has done so far) landed in the
 * answers' times: one 16 ms pause in 100 calendar requests, and the p95 with it. A few
 * unmeasured requests first warm the client's own code and connection.
 *
 * @example
 * const timings = await timeRequestsApart({ url, cookie, count: 100, expectedPosts: 500 });
 */
export async function timeRequestsApart(request: { url: string; cookie: string; count: number; expectedPosts: number; warmUp?: number }): Promise<RequestTimings> {
  const order = { url: request.url, cookie: request.cookie, count: request.count, warmUp: request.warmUp ?? 5 };
  const { stdout } = await run(process.execPath, ['--disable-warning=ExperimentalWarning', CLIENT, JSON.stringify(order)], { maxBuffer: 16 * 1024 * 1024 });
  const { times, serverTimes, answers } = JSON.parse(stdout) as { times: number[]; serverTimes: number[]; answers: { status: number; posts: number | null }[] };
  return {
    p50: percentile(times, 0.5),
    p95: percentile(times, 0.95),
    serverP50: percentile(serverTimes, 0.5),
    serverP95: percentile(serverTimes, 0.95),
    wrong: answers.filter((answer) => answer.status < 200 || answer.status > 299 || answer.posts !== request.expectedPosts).length,
    untimed: request.count - serverTimes.length,
  };
}
