import autocannon from 'autocannon';

export type HttpLoad = {
  url: string;
  connections: number;
  /** Total requests; with `durationSeconds`, whichever ends first. */
  amount?: number;
  durationSeconds?: number;
  /** Called per request, in order, for its path and body. */
  nextRequest: () => { method: 'GET' | 'POST'; path: string; body?: string; headers?: Record<string, string> };
};

export type HttpLoadResult = {
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  /** The first answer that was not 2xx (status and body), to say why. */
  firstRefusal: string | null;
};

/**
 * Fires HTTP requests with autocannon from `connections` keep-alive connections and says
 * how fast they were answered. Latency percentiles are autocannon's (whole milliseconds).
 *
 * @example
 * const result = await loadHttp({ url, connections: 20, amount: 20_000, nextRequest: () => ({ method: 'POST', path, body }) });
 */
export async function loadHttp(load: HttpLoad): Promise<HttpLoadResult> {
  let firstRefusal: string | null = null;
  // autocannon lets `amount` win over `duration`; stopping the instance caps the time too.
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: load.url,
        connections: load.connections,
        ...(load.amount ? { amount: load.amount } : { duration: load.durationSeconds }),
        requests: [
          {
            setupRequest: (request) => ({ ...request, ...load.nextRequest() }),
            onResponse: (status, body) => {
              if ((status < 200 || status > 299) && firstRefusal === null) firstRefusal = `${status} ${body.slice(0, 300)}`;
            },
          },
        ],
      },
      (error, finished) => {
        clearTimeout(timer);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve(finished);
      },
    );
    const timer = load.amount && load.durationSeconds ? setTimeout(() => instance.stop(), load.durationSeconds * 1000) : undefined;
  });
  return {
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    firstRefusal,
  };
}
