import type { SandboxWebhook } from './state/types';
import { signWebhookPayload } from './webhook-signing';
import type { ActivityEvent, SandboxWorld } from './world';

const CRC_TIMEOUT_MS = 3_000;

/**
 * Runs X's challenge-response check: GET `url?crc_token=…` must answer
 * `{ response_token: signWebhookPayload(secret, token) }` within three seconds.
 *
 * @example
 * const valid = await passesCrc('http://localhost:5173/hooks/x', secret);
 */
export async function passesCrc(url: string, consumerSecret: string): Promise<boolean> {
  const token = `sandbox-crc-${Date.now().toString(36)}`;
  const target = new URL(url);
  target.searchParams.set('crc_token', token);
  try {
    const response = await fetch(target, { signal: AbortSignal.timeout(CRC_TIMEOUT_MS) });
    if (!response.ok) return false;
    const body = (await response.json()) as { response_token?: unknown };
    return body.response_token === signWebhookPayload(consumerSecret, token);
  } catch {
    return false;
  }
}

/**
 * Sends an account-activity event to every valid webhook subscribed for its user, signed
 * with `x-twitter-webhooks-signature`. Delivery is fire-and-forget, like X's: a failing
 * receiver is counted, never retried, and never slows down the request that caused it.
 *
 * @example
 * world.onActivity = (event) => deliverActivity(world, event);
 */
export function deliverActivity(world: SandboxWorld, event: ActivityEvent): void {
  for (const webhook of world.store.webhooks.values()) {
    if (!webhook.valid || !webhook.subscribedUserIds.has(event.forUserId)) continue;
    void send(world, webhook, JSON.stringify(event.payload));
  }
}

async function send(world: SandboxWorld, webhook: SandboxWebhook, body: string): Promise<void> {
  const secret = world.store.clients.get(webhook.clientId)?.clientSecret;
  if (!secret) return;
  try {
    const response = await fetch(webhook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twitter-webhooks-signature': signWebhookPayload(secret, body) },
      body,
      signal: AbortSignal.timeout(CRC_TIMEOUT_MS),
    });
    if (response.ok) world.stats.webhookDeliveries++;
    else world.stats.webhookFailures++;
  } catch {
    world.stats.webhookFailures++;
  }
}
