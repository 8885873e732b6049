import { and, eq, inArray } from 'drizzle-orm';
import { media, xAccounts, type Executor } from '@tweetflow/db';
import { mediaSetProblem, type MediaKind } from '@tweetflow/x/rules';
import { DomainError } from '../errors';
import type { PostContent } from './post-input';

/**
 * Checks what zod cannot: the account and every media file belong to the workspace, and
 * each item's media form a set X accepts. Throws a `DomainError` naming the item.
 *
 * @example
 * await assertPostContentBelongs(db, workspaceId, [content]);
 */
export async function assertPostContentBelongs(db: Executor, workspaceId: string, contents: readonly PostContent[]): Promise<void> {
  const accountIds = [...new Set(contents.map((content) => content.accountId))];
  const accounts = await db
    .select({ id: xAccounts.id })
    .from(xAccounts)
    .where(and(eq(xAccounts.workspaceId, workspaceId), inArray(xAccounts.id, accountIds)));
  if (accounts.length !== accountIds.length) {
    throw new DomainError('bad_request', 'That X account is not connected to this workspace; choose one of its accounts.');
  }

  const mediaIds = [...new Set(contents.flatMap((content) => content.items.flatMap((item) => item.mediaIds)))];
  if (mediaIds.length === 0) return;
  const files = await db
    .select({ id: media.id, kind: media.kind })
    .from(media)
    .where(and(eq(media.workspaceId, workspaceId), inArray(media.id, mediaIds)));
  const kindById = new Map(files.map((file) => [file.id, file.kind]));
  for (const content of contents) {
    content.items.forEach((item, index) => {
      const kinds: MediaKind[] = [];
      for (const id of item.mediaIds) {
        const kind = kindById.get(id);
        if (!kind) throw new DomainError('bad_request', `Item ${index + 1}: a media file was not found; upload it again.`);
        kinds.push(kind);
      }
      const problem = mediaSetProblem(kinds);
      if (problem) throw new DomainError('bad_request', `Item ${index + 1}: ${problem}`);
    });
  }
}
