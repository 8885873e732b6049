import { z } from 'zod';
import { seededSequence } from './random';

/** What an admin can ask to go wrong. */
export const faultSpecSchema = z
  .object({
    /**
     * `timeout` hangs before X acts; `lost_response` acts (the post exists) and then never
     * answers, like a connection cut after X committed: the client cannot know the outcome.
     */
    kind: z.enum(['error', 'timeout', 'lost_response', 'rate_limit', 'latency']),
    status: z.union([z.literal(500), z.literal(503)]).default(503),
    /** Let this many matching requests through before the fault starts (e.g. fail a thread's 2nd post). */
    skip: z.number().int().nonnegative().default(0),
    /** Affect the next N matching requests… */
    count: z.number().int().positive().optional(),
    /** …or this fraction of them, until cleared (deterministic for a given seed). */
    fraction: z.number().min(0).max(1).optional(),
    latencyMs: z.number().int().nonnegative().default(0),
    /** For `rate_limit`: when the injected 429 says the window resets (X's windows are 15 minutes). */
    resetAfterSeconds: z.number().int().positive().default(900),
    method: z.string().toUpperCase().optional(),
    /** `/2/tweets`, `/2/users/:id/tweets`, or `/2/media/*`. */
    path: z.string().optional(),
  })
  .refine((spec) => spec.count === undefined || spec.fraction === undefined, 'Give either count or fraction, not both.');

export type FaultSpec = z.input<typeof faultSpecSchema>;
type Fault = z.output<typeof faultSpecSchema> & { id: number; pathPattern?: RegExp };

/** How a request should misbehave, if at all. */
export type FaultOutcome = {
  latencyMs: number;
  failure?: 'error' | 'timeout' | 'lost_response' | 'rate_limit';
  status?: 500 | 503;
  resetAfterSeconds?: number;
};

/**
 * Holds the injected faults and decides, request by request, which one applies.
 * Latency faults add up; the first failing fault that fires wins.
 *
 * @example
 * faults.add({ kind: 'error', status: 503, count: 2, method: 'POST', path: '/2/tweets' });
 * faults.decide('POST', '/2/tweets'); // { latencyMs: 0, failure: 'error', status: 503 }
 */
export class FaultInjector {
  #faults: Fault[] = [];
  #nextId = 1;
  #random: () => number;

  constructor(private readonly seed: number) {
    this.#random = seededSequence(seed);
  }

  add(spec: FaultSpec): number {
    const parsed = faultSpecSchema.parse(spec);
    const id = this.#nextId++;
    this.#faults.push({ ...parsed, id, ...(parsed.path ? { pathPattern: pathPattern(parsed.path) } : {}) });
    return id;
  }

  clear(): void {
    this.#faults = [];
    this.#random = seededSequence(this.seed);
  }

  list(): Array<Omit<Fault, 'pathPattern'>> {
    return this.#faults.map(({ pathPattern: _pattern, ...fault }) => fault);
  }

  decide(method: string, path: string): FaultOutcome {
    const outcome: FaultOutcome = { latencyMs: 0 };
    if (this.#faults.length === 0) return outcome;
    for (const fault of this.#faults) {
      if (!this.#matches(fault, method, path)) continue;
      if (fault.skip > 0) {
        fault.skip--;
        continue;
      }
      if (fault.fraction !== undefined && this.#random() >= fault.fraction) continue;
      if (fault.kind === 'latency') {
        outcome.latencyMs += fault.latencyMs;
        this.#consume(fault);
        continue;
      }
      if (outcome.failure) continue;
      outcome.failure = fault.kind;
      outcome.status = fault.status;
      outcome.resetAfterSeconds = fault.resetAfterSeconds;
      outcome.latencyMs += fault.latencyMs;
      this.#consume(fault);
    }
    this.#faults = this.#faults.filter((fault) => fault.count !== 0);
    return outcome;
  }

  #matches(fault: Fault, method: string, path: string): boolean {
    if (fault.method && fault.method !== method) return false;
    return !fault.pathPattern || fault.pathPattern.test(path);
  }

  #consume(fault: Fault): void {
    if (fault.count !== undefined) fault.count--;
  }
}

function pathPattern(pattern: string): RegExp {
  const source = pattern
    .split(/(\*|:[a-z_]+)/i)
    .map((piece) => (piece === '*' ? '.*' : piece.startsWith(':') ? '[^/]+' : piece.replace(/[.+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}
