import { describe, expect, it } from 'vitest';
import { BatchLane } from './batch-lane';

/** A send that records each batch and answers after the test lets it. */
function recordingSend() {
  const batches: number[][] = [];
  let release: () => void = () => {};
  const send = async (requests: number[]) => {
    batches.push(requests);
    await new Promise<void>((resolve) => (release = resolve));
    return requests.map((request) => request * 10);
  };
  return { batches, send, release: () => release() };
}

describe('BatchLane', () => {
  it('sends the first request alone and those that arrive meanwhile together, each answered with its own answer', async () => {
    const { batches, send, release } = recordingSend();
    const lane = new BatchLane(send, { maxWeight: 100 });
    const answers = [1, 2, 3, 4].map((request) => lane.submit(request));
    expect(batches).toEqual([[1]]);
    release();
    await expect(answers[0]).resolves.toBe(10);
    expect(batches).toEqual([[1], [2, 3, 4]]);
    release();
    await expect(Promise.all(answers)).resolves.toEqual([10, 20, 30, 40]);
  });

  it('keeps a batch within its weight, but sends a request heavier than the limit on its own', async () => {
    const batches: number[][] = [];
    const lane = new BatchLane(async (requests: number[]) => (batches.push(requests), requests), { maxWeight: 5, weigh: (request) => request });
    await Promise.all([1, 2, 3, 9, 1].map((request) => lane.submit(request)));
    expect(batches).toEqual([[1], [2, 3], [9], [1]]);
  });

  it('rejects every request of a failed batch and goes on with the next', async () => {
    let calls = 0;
    const lane = new BatchLane(
      async (requests: string[]) => {
        calls++;
        if (calls === 2) throw new Error('connection lost');
        return requests;
      },
      { maxWeight: 10 },
    );
    const outcomes = await Promise.allSettled(['a', 'b', 'c'].map((request) => lane.submit(request)));
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    await expect(lane.submit('after')).resolves.toBe('after');
  });
});
