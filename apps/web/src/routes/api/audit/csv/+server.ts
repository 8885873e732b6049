import { auditFilterInput } from '@tweetflow/api';
import { auditEntriesToCsv, listAuditEntries } from '@tweetflow/core';
import { z } from 'zod';
import { jsonError, withWorkspaceAccess } from '#lib/server/http-api.ts';
import type { RequestHandler } from './$types';

/** The most rows one download holds; narrow the dates for more. */
const MAX_ROWS = 50_000;

const query = auditFilterInput.extend({ workspaceId: z.uuid({ error: 'must be a workspace id' }) });

/**
 * The workspace audit log as CSV, with the same filters as the page (owners only):
 * `?workspaceId=…&action=member&actorUserId=…&from=2026-01-01&to=2026-02-01`.
 */
export const GET: RequestHandler = async (event) => {
  const parsed = query.safeParse(Object.fromEntries([...event.url.searchParams].filter(([, value]) => value !== '')));
  if (!parsed.success) {
    return jsonError(400, parsed.error.issues.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`).join('; '));
  }
  const { workspaceId, ...filter } = parsed.data;
  return withWorkspaceAccess(event, workspaceId, 'owner', async ({ runtime }) => {
    const entries = await listAuditEntries(runtime.db, { workspaceId, filter, limit: MAX_ROWS });
    return new Response(auditEntriesToCsv(entries), {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="tweetflow-audit-log-${runtime.clock.now().toISOString().slice(0, 10)}.csv"`,
        'cache-control': 'private, no-store',
      },
    });
  });
};
