import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { jsonRowCount, media, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';

/** X keeps at most this many characters of a media's alt text. */
export const MAX_ALT_TEXT_LENGTH = 1000;

export const mediaDescriptionSchema = z.object({
  mediaId: z.uuid({ error: 'must be an uploaded media id' }),
  altText: z
    .string()
    .trim()
    .max(MAX_ALT_TEXT_LENGTH, { error: `Alt text is at most ${MAX_ALT_TEXT_LENGTH} characters; X keeps no more.` }),
});

export type MediaDescription = z.output<typeof mediaDescriptionSchema>;

/**
 * Saves the alt text of a workspace's media files (what screen readers say for them on X,
 * sent with each upload when the post is published), in one statement. Refuses the lot,
 * changing nothing, when a file is not in the workspace.
 *
 * @example
 * await describeMedia(db, { workspaceId, descriptions: [{ mediaId, altText: 'A dancing cat' }] });
 */
export async function describeMedia(db: Executor, input: { workspaceId: string; descriptions: readonly MediaDescription[] }): Promise<void> {
  if (input.descriptions.length === 0) return;
  const ids = [...new Set(input.descriptions.map((description) => description.mediaId))];
  const found = await db.select({ id: media.id }).from(media).where(and(eq(media.workspaceId, input.workspaceId), inArray(media.id, ids)));
  if (found.length !== ids.length) throw new DomainError('not_found', 'A media file to describe does not exist in this workspace; upload it again.');
  // One JSON parameter: drizzle would expand a bare array into a list of parameters.
  const rows = JSON.stringify(input.descriptions.map((description) => ({ id: description.mediaId, alt_text: description.altText })));
  await db.execute(sql`
    update ${media} set alt_text = described.alt_text
    from (select * from json_to_recordset(${rows}::json) as described(id uuid, alt_text text) ${jsonRowCount(input.descriptions.length)}) as described
    where ${media.id} = described.id and ${media.workspaceId} = ${input.workspaceId}`);
}
