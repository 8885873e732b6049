import { html, redirect, type SandboxResponse } from '../http/responses';
import { bodyFields } from '../http/body';
import { renderAuthorizeError, renderAuthorizePage } from '../pages/authorize';
import { opaqueToken } from '../random';
import { issueCode, pkceMethodOf, redirectAllowed } from '../state/oauth';
import { createUser, UserRejectedError } from '../state/users';
import type { PendingAuthorization } from '../state/types';
import { openRoute, type RequestContext, type SandboxRoute } from './context';

/** Every scope X defines; anything else is `invalid_scope`. */
const KNOWN_SCOPES = new Set([
  'tweet.read', 'tweet.write', 'tweet.moderate.write', 'users.read', 'users.email', 'follows.read', 'follows.write',
  'offline.access', 'space.read', 'mute.read', 'mute.write', 'like.read', 'like.write', 'list.read', 'list.write',
  'block.read', 'block.write', 'bookmark.read', 'bookmark.write', 'media.write', 'dm.read', 'dm.write',
]);
const MAX_STATE_LENGTH = 500;

/** `GET` shows the consent page for a valid request; `POST` is the page's form. */
export const authorizeRoutes: SandboxRoute[] = [
  openRoute('GET', '/i/oauth2/authorize', showConsent),
  openRoute('POST', '/i/oauth2/authorize', decide),
];

function showConsent({ world, url }: RequestContext): SandboxResponse {
  const query = url.searchParams;
  const client = world.store.clients.get(query.get('client_id') ?? '');
  if (!client) return html(400, renderAuthorizeError('This app is not registered with the sandbox (unknown client_id).'));
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!redirectAllowed(client, redirectUri)) {
    return html(400, renderAuthorizeError(`The redirect_uri "${redirectUri}" is not registered for ${client.name}.`));
  }
  const state = query.get('state') ?? '';
  const back = (error: string, description: string) => redirect(withParams(redirectUri, { error, error_description: description, state }));
  if (query.get('response_type') !== 'code') return back('unsupported_response_type', 'response_type must be code.');
  if (state === '' || state.length > MAX_STATE_LENGTH) return back('invalid_request', 'state is required (at most 500 characters).');
  const method = pkceMethodOf(query.get('code_challenge_method') ?? undefined);
  const challenge = query.get('code_challenge') ?? '';
  if (!method || challenge === '') return back('invalid_request', 'A PKCE code_challenge (S256 or plain) is required.');
  const scopes = (query.get('scope') ?? '').split(/[\s+]+/).filter(Boolean);
  if (scopes.length === 0 || scopes.some((scope) => !KNOWN_SCOPES.has(scope))) return back('invalid_scope', 'Unknown or missing scope.');

  const pending: PendingAuthorization = {
    id: opaqueToken(16),
    clientId: client.clientId,
    redirectUri,
    state,
    codeChallenge: challenge,
    codeChallengeMethod: method,
    scopes,
    createdAt: world.now(),
  };
  world.store.pendingAuthorizations.set(pending.id, pending);
  return html(200, renderAuthorizePage(client, pending, [...world.store.users.values()]));
}

function decide({ world, body }: RequestContext): SandboxResponse {
  const fields = bodyFields(body);
  const pending = world.store.pendingAuthorizations.get(String(fields.request_id ?? ''));
  if (!pending) return html(400, renderAuthorizeError('This authorization request has expired or was already used. Start again from the app.'));
  if (fields.decision !== 'approve') {
    world.store.pendingAuthorizations.delete(pending.id);
    return redirect(withParams(pending.redirectUri, { error: 'access_denied', state: pending.state }));
  }
  const newUsername = String(fields.new_username ?? '').trim();
  let userId = String(fields.user_id ?? '');
  if (newUsername !== '') {
    try {
      userId = createUser(world, { username: newUsername, premium: fields.premium === 'true' }).id;
    } catch (error) {
      if (error instanceof UserRejectedError) return html(400, renderAuthorizeError(error.message));
      throw error;
    }
  }
  if (!world.store.users.has(userId)) return html(400, renderAuthorizeError('Pick a sandbox user or create one.'));
  const code = issueCode(world, pending, userId);
  return redirect(withParams(pending.redirectUri, { state: pending.state, code }));
}

function withParams(base: string, params: Record<string, string>): string {
  const target = new URL(base);
  for (const [name, value] of Object.entries(params)) target.searchParams.set(name, value);
  return target.toString();
}
