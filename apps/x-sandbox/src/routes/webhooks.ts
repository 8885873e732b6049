import { z } from 'zod';
import { json, type SandboxResponse } from '../http/responses';
import { clientForbidden, invalidRequest, notFound } from '../problems';
import type { SandboxWebhook } from '../state/types';
import { passesCrc } from '../webhook-delivery';
import { userRoute, type SandboxRoute, type UserContext } from './context';
import { parseJsonBody } from './validation';

const READ = ['tweet.read', 'users.read'];
const registerBody = z.object({ url: z.string().min(1).max(200) });

/**
 * Webhook registration (with X's CRC check) and account-activity subscriptions. On X the
 * registration calls use the app's bearer token; the sandbox takes any user token of the
 * app, whose client secret signs the CRC and the deliveries.
 */
export const webhookRoutes: SandboxRoute[] = [
  userRoute('POST', '/2/webhooks', READ, async (context) => {
    const parsed = parseJsonBody(context.body, registerBody);
    if (!parsed.ok) return parsed.response;
    const secret = appSecret(context);
    if (!secret) return clientForbidden('Webhooks need a confidential app (one with a client secret).');
    if (!(await passesCrc(parsed.value.url, secret))) {
      return invalidRequest('The webhook URL did not answer the CRC challenge correctly.', { url: [parsed.value.url] });
    }
    const { world } = context;
    const webhook: SandboxWebhook = {
      id: world.ids.next(),
      url: parsed.value.url,
      clientId: context.grant.clientId,
      createdAt: world.now(),
      valid: true,
      subscribedUserIds: new Set(),
    };
    world.store.webhooks.set(webhook.id, webhook);
    world.onChange();
    // X's document puts the config at the top level while its reference pages wrap it in
    // `data`; answering both ways keeps clients written against either working.
    return json(200, { ...describe(webhook), data: describe(webhook) });
  }),
  userRoute('GET', '/2/webhooks', READ, ({ world, grant }) => {
    const own = [...world.store.webhooks.values()].filter((webhook) => webhook.clientId === grant.clientId);
    return json(200, { ...(own.length > 0 ? { data: own.map(describe) } : {}), meta: { result_count: own.length } });
  }),
  userRoute('PUT', '/2/webhooks/:webhook_id', READ, (context, { webhook_id = '' }) =>
    withWebhook(context, webhook_id, async (webhook) => {
      webhook.valid = await passesCrc(webhook.url, appSecret(context) ?? '');
      return json(200, { data: { attempted: true } });
    }),
  ),
  userRoute('DELETE', '/2/webhooks/:webhook_id', READ, (context, { webhook_id = '' }) =>
    withWebhook(context, webhook_id, (webhook) => {
      context.world.store.webhooks.delete(webhook.id);
      context.world.onChange();
      return json(200, { data: { deleted: true } });
    }),
  ),
  userRoute('POST', '/2/account_activity/webhooks/:webhook_id/subscriptions/all', READ, (context, { webhook_id = '' }) =>
    withWebhook(context, webhook_id, (webhook) => {
      webhook.subscribedUserIds.add(context.user.id);
      context.world.onChange();
      return json(200, { data: { subscribed: true } });
    }),
  ),
  userRoute('GET', '/2/account_activity/webhooks/:webhook_id/subscriptions/all', READ, (context, { webhook_id = '' }) =>
    withWebhook(context, webhook_id, (webhook) => json(200, { data: { subscribed: webhook.subscribedUserIds.has(context.user.id) } })),
  ),
  userRoute('DELETE', '/2/account_activity/webhooks/:webhook_id/subscriptions/:user_id/all', READ, (context, params) =>
    withWebhook(context, params.webhook_id ?? '', (webhook) => {
      webhook.subscribedUserIds.delete(params.user_id ?? '');
      context.world.onChange();
      return json(200, { data: { subscribed: false } });
    }),
  ),
];

function appSecret({ world, grant }: UserContext): string | null | undefined {
  return world.store.clients.get(grant.clientId)?.clientSecret;
}

async function withWebhook(
  context: UserContext,
  id: string,
  act: (webhook: SandboxWebhook) => SandboxResponse | Promise<SandboxResponse>,
): Promise<SandboxResponse> {
  const webhook = context.world.store.webhooks.get(id);
  if (!webhook || webhook.clientId !== context.grant.clientId) return notFound(`Could not find webhook with id: [${id}].`);
  return act(webhook);
}

function describe(webhook: SandboxWebhook) {
  return { id: webhook.id, url: webhook.url, valid: webhook.valid, created_at: new Date(webhook.createdAt).toISOString() };
}
