import type { IncomingHttpHeaders } from 'node:http';
import { bodyFields } from '../http/body';
import { json, type SandboxResponse } from '../http/responses';
import { oauthError } from '../problems';
import { exchangeCode, refreshTokens, revokeToken } from '../state/oauth';
import type { OAuthClient } from '../state/types';
import type { SandboxWorld } from '../world';
import { openRoute, type RequestContext, type SandboxRoute } from './context';

/**
 * Token and revoke endpoints. Both accept JSON and form bodies and client credentials in
 * a Basic header or in the body, because twitter-api-v2 sends JSON with both and arctic
 * sends a form with Basic only.
 */
export const tokenRoutes: SandboxRoute[] = [
  openRoute('POST', '/2/oauth2/token', token),
  openRoute('POST', '/2/oauth2/revoke', revoke),
];

function token({ world, request, body }: RequestContext): SandboxResponse {
  const fields = bodyFields(body);
  const client = authenticateClient(world, request.headers, fields);
  if (!client.ok) return client.response;
  const clientId = client.client.clientId;
  const result =
    fields.grant_type === 'authorization_code'
      ? exchangeCode(world, clientId, text(fields.code), text(fields.redirect_uri), text(fields.code_verifier))
      : fields.grant_type === 'refresh_token'
        ? refreshTokens(world, clientId, text(fields.refresh_token))
        : { error: 'invalid_request', description: 'grant_type must be authorization_code or refresh_token.' };
  if ('error' in result) return oauthError(400, result.error, result.description);
  return json(200, result);
}

function revoke({ world, request, body }: RequestContext): SandboxResponse {
  const fields = bodyFields(body);
  const client = authenticateClient(world, request.headers, fields);
  if (!client.ok) return client.response;
  revokeToken(world, client.client.clientId, text(fields.token));
  return json(200, { revoked: true });
}

type ClientCheck = { ok: true; client: OAuthClient } | { ok: false; response: SandboxResponse };

function authenticateClient(world: SandboxWorld, headers: IncomingHttpHeaders, fields: Record<string, unknown>): ClientCheck {
  const basic = basicCredentials(headers.authorization);
  const clientId = basic?.id ?? text(fields.client_id);
  const secret = basic?.secret ?? (fields.client_secret === undefined ? undefined : text(fields.client_secret));
  const client = world.store.clients.get(clientId);
  if (!client) return { ok: false, response: oauthError(401, 'unauthorized_client', 'Missing valid authorization header') };
  if (client.clientSecret !== null && secret !== client.clientSecret) {
    return { ok: false, response: oauthError(401, 'unauthorized_client', 'Missing valid authorization header') };
  }
  return { ok: true, client };
}

function basicCredentials(header: string | undefined): { id: string; secret: string } | undefined {
  const encoded = /^Basic\s+(.+)$/i.exec(header ?? '')?.[1];
  if (!encoded) return undefined;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  return { id: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
