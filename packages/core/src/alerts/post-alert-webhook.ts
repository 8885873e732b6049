/** A webhook that takes longer than this is treated as down (the job retries). */
const TIMEOUT_MS = 10_000;

/**
 * Posts `{"text": …}` to a Slack-compatible incoming webhook; throws on anything but a
 * 2xx answer, with the status, so the job retries and the log says why.
 *
 * @example
 * await postAlertWebhook('https://hooks.slack.com/services/…', 'Publishing failed for @ada');
 */
export async function postAlertWebhook(url: string, text: string): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`The alert webhook answered ${response.status} ${response.statusText}.`);
}
