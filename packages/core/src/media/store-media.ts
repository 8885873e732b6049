import { and, eq } from 'drizzle-orm';
import { media, type Executor } from '@tweetflow/db';
import { checkMediaFile } from '@tweetflow/x/rules';
import { DomainError } from '../errors';
import type { MediaStore } from './media-store';

export type StoredMedia = { id: string; kind: 'image' | 'gif' | 'video'; mimeType: string; sizeBytes: number; fileName: string; url: string };

/**
 * Keeps an uploaded file for a workspace after checking it against X's media rules
 * (type and size), so a post never fails at publish time over a file X would refuse.
 *
 * @example
 * const file = await storeMedia(db, store, { workspaceId, userId, fileName: 'a.png', mimeType: 'image/png', bytes });
 */
export async function storeMedia(
  db: Executor,
  store: MediaStore,
  input: { workspaceId: string; userId: string | null; fileName: string; mimeType: string; bytes: Uint8Array; altText?: string },
): Promise<StoredMedia> {
  const check = checkMediaFile(input.mimeType, input.bytes.byteLength);
  if (!check.ok) throw new DomainError('bad_request', `${input.fileName}: ${check.problem}`);
  const fileName = input.fileName.slice(0, 200) || 'upload';
  const [row] = await db
    .insert(media)
    .values({
      workspaceId: input.workspaceId,
      uploadedByUserId: input.userId,
      kind: check.kind,
      mimeType: input.mimeType.toLowerCase(),
      sizeBytes: input.bytes.byteLength,
      fileName,
      altText: input.altText ?? '',
      storageKey: 'pending',
    })
    .returning({ id: media.id });
  const storageKey = `${input.workspaceId}/${row!.id}`;
  try {
    await store.write(storageKey, input.bytes);
  } catch (error) {
    await db.delete(media).where(eq(media.id, row!.id));
    throw error;
  }
  await db.update(media).set({ storageKey }).where(eq(media.id, row!.id));
  return { id: row!.id, kind: check.kind, mimeType: input.mimeType.toLowerCase(), sizeBytes: input.bytes.byteLength, fileName, url: `/api/media/${row!.id}` };
}

/**
 * A workspace's media file for serving, or a not-found error (also for other workspaces' files).
 *
 * @example
 * const file = await findMedia(db, { workspaceId, mediaId });
 */
export async function findMedia(db: Executor, input: { workspaceId: string; mediaId: string }) {
  const [row] = await db
    .select()
    .from(media)
    .where(and(eq(media.id, input.mediaId), eq(media.workspaceId, input.workspaceId)));
  if (!row) throw new DomainError('not_found', 'That media file does not exist in this workspace.');
  return row;
}

/**
 * The workspace a media file belongs to (to check the caller's access before serving it), or null.
 *
 * @example
 * const workspaceId = await mediaWorkspace(db, mediaId);
 */
export async function mediaWorkspace(db: Executor, mediaId: string): Promise<string | null> {
  const [row] = await db.select({ workspaceId: media.workspaceId }).from(media).where(eq(media.id, mediaId));
  return row?.workspaceId ?? null;
}
