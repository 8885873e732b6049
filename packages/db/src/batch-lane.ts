type Waiting<Request, Answer> = { request: Request; resolve: (answer: Answer) => void; reject: (error: unknown) => void };

export type BatchLaneOptions<Request> = {
  /** Most weight one batch carries; more waits for the next batch, so one statement's locks stay brief. */
  maxWeight: number;
  /** A request's weight (e.g. how many rows it adds); 1 by default. */
  weigh?: (request: Request) => number;
};

/**
 * Where a process's concurrent calls of one kind meet to share a statement: a request
 * that finds the lane idle is sent at once, alone; requests that arrive while a batch is
 * being sent wait for it and then go together, in arrival order, in the next. Quiet
 * traffic pays nothing for this; a burst pays one round trip (and one commit) per batch
 * instead of one per call, which on a busy worker is most of the database's CPU
 * (`pnpm bench workflows`).
 *
 * `send` answers each request of a batch in order; when it throws, every request of that
 * batch is rejected with the error.
 *
 * @example
 * const lane = new BatchLane((payloads: string[][]) => notifyAll(payloads.flat()).then(() => payloads.map(() => undefined)), { maxWeight: 1000, weigh: (p) => p.length });
 * await lane.submit(['{"runId":"…"}']);
 */
export class BatchLane<Request, Answer> {
  readonly #send: (requests: Request[]) => Promise<Answer[]>;
  readonly #maxWeight: number;
  readonly #weigh: (request: Request) => number;
  #waiting: Array<Waiting<Request, Answer>> = [];
  #sending = false;

  constructor(send: (requests: Request[]) => Promise<Answer[]>, options: BatchLaneOptions<Request>) {
    this.#send = send;
    this.#maxWeight = options.maxWeight;
    this.#weigh = options.weigh ?? (() => 1);
  }

  /** Resolves with the request's own answer once its batch is sent. */
  submit(request: Request): Promise<Answer> {
    const answered = new Promise<Answer>((resolve, reject) => this.#waiting.push({ request, resolve, reject }));
    if (!this.#sending) void this.#drain();
    return answered;
  }

  async #drain(): Promise<void> {
    this.#sending = true;
    while (this.#waiting.length > 0) {
      const batch = this.#nextBatch();
      try {
        const answers = await this.#send(batch.map((waiting) => waiting.request));
        batch.forEach((waiting, index) => waiting.resolve(answers[index]!));
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.#sending = false;
  }

  /** The waiting requests for one batch: in order, at least one, at most `maxWeight` unless one request alone weighs more. */
  #nextBatch(): Array<Waiting<Request, Answer>> {
    let weight = this.#weigh(this.#waiting[0]!.request);
    let count = 1;
    while (count < this.#waiting.length) {
      const next = this.#weigh(this.#waiting[count]!.request);
      if (weight + next > this.#maxWeight) break;
      weight += next;
      count++;
    }
    return this.#waiting.splice(0, count);
  }
}
