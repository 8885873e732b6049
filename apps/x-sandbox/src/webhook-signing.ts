import { createHmac } from 'node:crypto';

/**
 * X's signature of a webhook body or CRC token: `sha256=` + base64 HMAC-SHA256 with the
 * app's consumer secret.
 *
 * @example
 * signWebhookPayload(secret, rawBody); // 'sha256=…'
 */
export function signWebhookPayload(consumerSecret: string, payload: string): string {
  return `sha256=${createHmac('sha256', consumerSecret).update(payload).digest('base64')}`;
}
