import { createServer, type IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload } from '../src/index';
import { call, connectedUser, sandboxForTest } from './support';

const SECRET = 'tweetflow-dev-secret';

async function receiver(answerCrc: (token: string) => string) {
  const deliveries: Array<{ body: string; signature: string | undefined }> = [];
  const server = createServer(async (request: IncomingMessage, response) => {
    const url = new URL(request.url ?? '/', 'http://local');
    if (request.method === 'GET') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ response_token: answerCrc(url.searchParams.get('crc_token') ?? '') }));
      return;
    }
    let body = '';
    for await (const chunk of request) body += chunk;
    deliveries.push({ body, signature: request.headers['x-twitter-webhooks-signature'] as string | undefined });
    response.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/x-events`;
  return { url, deliveries, close: () => server.close() };
}

async function waitFor(condition: () => boolean) {
  for (let attempt = 0; attempt < 100 && !condition(); attempt++) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('account-activity webhooks', () => {
  it('refuses a URL that fails the CRC challenge', async () => {
    const sandbox = await sandboxForTest();
    const { tokens } = connectedUser(sandbox, 'crcfail');
    const wrong = await receiver(() => 'sha256=not-it');
    try {
      const response = await call(sandbox, tokens.access_token, 'POST', '/2/webhooks', { url: wrong.url });
      expect(response.status).toBe(400);
    } finally {
      wrong.close();
    }
  });

  it('delivers signed mention, like and follow events for subscribed users', async () => {
    const sandbox = await sandboxForTest();
    const { user, tokens } = connectedUser(sandbox, 'subscriber');
    const target = await receiver((token) => signWebhookPayload(SECRET, token));
    try {
      const created = await call(sandbox, tokens.access_token, 'POST', '/2/webhooks', { url: target.url });
      expect(created.body.data.valid).toBe(true);
      await call(sandbox, tokens.access_token, 'POST', `/2/account_activity/webhooks/${created.body.data.id}/subscriptions/all`, {});

      const own = await call(sandbox, tokens.access_token, 'POST', '/2/tweets', { text: 'my post' });
      sandbox.admin.createUser({ username: 'fan' });
      sandbox.admin.post('fan', { text: '@subscriber love this' });
      sandbox.admin.like('fan', own.body.data.id);
      sandbox.admin.follow('fan', 'subscriber');
      await waitFor(() => sandbox.admin.stats().webhookDeliveries >= 4);

      expect(target.deliveries).toHaveLength(4);
      for (const delivery of target.deliveries) {
        expect(delivery.signature).toBe(signWebhookPayload(SECRET, delivery.body));
        expect(JSON.parse(delivery.body).for_user_id).toBe(user.id);
      }
      const kinds = target.deliveries.map((delivery) => Object.keys(JSON.parse(delivery.body)).find((key) => key.endsWith('_events')));
      expect(kinds).toEqual(['tweet_create_events', 'tweet_create_events', 'favorite_events', 'follow_events']);
      expect(JSON.parse(target.deliveries[1]?.body ?? '{}').tweet_create_events[0].user.screen_name).toBe('fan');
      expect(sandbox.admin.stats().webhookDeliveries).toBe(4);
    } finally {
      target.close();
    }
  });
});
