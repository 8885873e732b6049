import { recordAudit, type AuditEntryInput } from '@tweetflow/core';
import type { ApiContext, Caller } from './context';

/**
 * Records an audit entry for what the calling person (or their API token) just did, with
 * the request's client address and user agent.
 *
 * @example
 * await auditAs(ctx, { action: 'api_token.revoked', workspaceId, target: { type: 'api_token', id } });
 */
export function auditAs(
  ctx: Pick<ApiContext, 'db' | 'clock' | 'client'> & { caller: Caller },
  entry: Omit<AuditEntryInput, 'at' | 'actor' | 'client'>,
): Promise<void> {
  return recordAudit(ctx.db, {
    ...entry,
    at: ctx.clock.now(),
    actor: { userId: ctx.caller.userId, kind: ctx.caller.kind },
    client: ctx.client ?? null,
  });
}
