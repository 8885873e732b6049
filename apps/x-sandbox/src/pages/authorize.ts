import type { OAuthClient, PendingAuthorization, SandboxUser } from '../state/types';
import { escapeHtml, layout } from './html';

/**
 * The consent page: pick a sandbox user (or create one) and approve the scopes.
 *
 * @example
 * html(200, renderAuthorizePage(client, pending, users));
 */
export function renderAuthorizePage(client: OAuthClient, pending: PendingAuthorization, users: SandboxUser[]): string {
  const choices = users
    .map(
      (user, index) =>
        `<label><input type="radio" name="user_id" value="${escapeHtml(user.id)}"${index === 0 ? ' checked' : ''}> @${escapeHtml(user.username)} <span class="meta">${escapeHtml(user.name)}</span></label>`,
    )
    .join('');
  const scopes = pending.scopes.map((scope) => `<span class="badge">${escapeHtml(scope)}</span>`).join(' ');
  return layout(
    'Authorize app — X sandbox',
    `<h1>Authorize ${escapeHtml(client.name)} to use your account?</h1>
<div class="card"><p>It asks for: ${scopes}</p>
<form method="post" action="/i/oauth2/authorize">
<input type="hidden" name="request_id" value="${escapeHtml(pending.id)}">
${choices || '<p class="meta">No sandbox users yet — create one below.</p>'}
<label>Or create a user: <input type="text" name="new_username" placeholder="username" pattern="[A-Za-z0-9_]{1,15}"></label>
<label><input type="checkbox" name="premium" value="true"> premium (25,000-character posts)</label>
<p><button type="submit" name="decision" value="approve">Authorize app</button>
<button class="secondary" type="submit" name="decision" value="deny">Cancel</button></p>
</form></div>`,
  );
}

/**
 * A page for an authorize request that cannot be sent back to the app (unknown client or
 * redirect URI), so the person sees what is wrong instead of being redirected anywhere.
 */
export function renderAuthorizeError(message: string): string {
  return layout('Authorization failed — X sandbox', `<h1>Something went wrong</h1><div class="card"><p>${escapeHtml(message)}</p></div>`);
}
