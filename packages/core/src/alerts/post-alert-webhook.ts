import { safeRequest } from '../http/safe-request';

/** A webhook that takes longer than this is treated as down (the job retries). */
const TIMEOUT_MS = 10_000;

/**
 * Posts `{"text": …}` to a Slack-compatible incoming webhook; throws on anything but a
 * 2xx answer, with the status, so the job retries and the log says why. The URL is an
 * editor's input, so it goes through the SSRF-safe client: private and loopback
 * addresses are refused unless the operator allow-listed the host (`HTTP_ALLOWED_HOSTS`).
 *
 * @example
 * await postAlertWebhook('https://hooks.slack.com/services/…', 'Publishing failed for @ada', []);
 */
export async function postAlertWebhook(url: string, text: string, allowedHosts: readonly string[]): Promise<void> {
  const response = await safeRequest({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
    timeoutMs: TIMEOUT_MS,
    maxResponseBytes: 100_000,
    allowedHosts,
  });
  if (response.status < 200 || response.status >= 300) throw new Error(`The alert webhook answered HTTP ${response.status}.`);
}
