import { afterEach, describe, expect, it } from 'vitest';
import { startPublishingStack, waitUntil } from './publishing-stack';

type Stack = Awaited<ReturnType<typeof startPublishingStack>>;
let stack: Stack | undefined;
afterEach(async () => {
  await stack?.close();
  stack = undefined;
});

/** Every text appears on X exactly once: no post lost, none duplicated. */
function expectExactlyOnce(stack: Stack, usernames: string[], texts: string[]) {
  const published = usernames.flatMap((username) => stack.sandbox.admin.postsOf(username).map((post) => post.text));
  const counts = new Map<string, number>();
  for (const text of published) counts.set(text, (counts.get(text) ?? 0) + 1);
  expect([...counts.values()].filter((count) => count > 1)).toEqual([]);
  expect(published.length).toBe(new Set(published).size);
  return { published: new Set(published), missing: texts.filter((text) => !counts.has(text)) };
}

describe('publishing when the worker dies', () => {
  it('publishes every one of 500 posts exactly once after a SIGKILL mid-run and a restart', { timeout: 180_000 }, async () => {
    stack = await startPublishingStack();
    const accounts = await stack.connectAccounts('crash', 10);
    const texts = Array.from({ length: 500 }, (_, index) => `Post number ${index} of the crash test`);
    await stack.schedulePosts(accounts, texts);
    const onX = () => accounts.reduce((sum, { username }) => sum + stack!.sandbox.admin.postsOf(username).length, 0);

    const first = stack.startWorker();
    await waitUntil(async () => (onX() >= 100 ? true : undefined), 60_000, () => first.output());
    first.child.kill('SIGKILL');
    await first.exited;
    const beforeRestart = onX();
    expect(beforeRestart).toBeLessThan(500);

    const second = stack.startWorker();
    await waitUntil(async () => ((await stack!.statusCounts()).published === 500 ? true : undefined), 150_000, async () =>
      JSON.stringify(await stack!.statusCounts()) + second.output(),
    );

    const { missing } = expectExactlyOnce(stack, accounts.map((account) => account.username), texts);
    expect(missing).toEqual([]);
    expect(stack.sandbox.admin.stats()).toMatchObject({ duplicatePostsSeen: 0, overLimitAttempts: 0 });
  });
});

describe('publishing when X misbehaves', () => {
  it('publishes each post exactly once or fails it with a stated reason, through 5xx, timeouts, lost answers and 429s', { timeout: 180_000 }, async () => {
    stack = await startPublishingStack({ xRequestTimeoutMs: 1_000 });
    const accounts = await stack.connectAccounts('flaky', 5);
    const texts = Array.from({ length: 200 }, (_, index) => `Flaky network post ${index}`);
    const { admin } = stack.sandbox;
    admin.injectFault({ kind: 'error', status: 503, fraction: 0.1, method: 'POST', path: '/2/tweets' });
    admin.injectFault({ kind: 'timeout', fraction: 0.025, method: 'POST', path: '/2/tweets' });
    admin.injectFault({ kind: 'lost_response', fraction: 0.025, method: 'POST', path: '/2/tweets' });
    admin.injectFault({ kind: 'rate_limit', fraction: 0.03, resetAfterSeconds: 2, method: 'POST', path: '/2/tweets' });
    await stack.schedulePosts(accounts, texts);

    const worker = stack.startWorker();
    const settled = await waitUntil(async () => {
      const counts = await stack!.statusCounts();
      return (counts.published ?? 0) + (counts.failed ?? 0) === texts.length ? counts : undefined;
    }, 150_000, async () => JSON.stringify(await stack!.statusCounts()) + worker.output());

    const { published } = expectExactlyOnce(stack, accounts.map((account) => account.username), texts);
    expect(published.size).toBe(settled.published ?? 0);
    const failures = await stack.database.sql<{ status_reason: string | null }[]>`select status_reason from posts where status = 'failed'`;
    expect(failures.every((row) => (row.status_reason ?? '').length > 20)).toBe(true);
    const stats = admin.stats();
    expect(stats.injectedFaults).toBeGreaterThan(20);
    expect(stats).toMatchObject({ overLimitAttempts: 0, duplicatePostsSeen: 0 });
    expect(stats.lostResponses).toBeGreaterThan(0);
  });
});
