/** What a route answers; the server turns it into bytes and adds shared headers. */
export type SandboxResponse =
  | { kind: 'json'; status: number; body: unknown; contentType?: string; headers?: Record<string, string> }
  | { kind: 'html'; status: number; html: string }
  | { kind: 'redirect'; location: string }
  /** Never answer: the client's own timeout is what ends the request. */
  | { kind: 'hang' };

/**
 * A JSON response.
 *
 * @example
 * return json(201, { data: { id, text } });
 */
export function json(status: number, body: unknown, headers?: Record<string, string>): SandboxResponse {
  return { kind: 'json', status, body, ...(headers ? { headers } : {}) };
}

/**
 * An HTML page (already escaped by the page renderer).
 *
 * @example
 * return html(200, renderHome(state));
 */
export function html(status: number, page: string): SandboxResponse {
  return { kind: 'html', status, html: page };
}

/**
 * A 302 to `location`.
 *
 * @example
 * return redirect(`${redirectUri}?code=${code}&state=${state}`);
 */
export function redirect(location: string): SandboxResponse {
  return { kind: 'redirect', location };
}
