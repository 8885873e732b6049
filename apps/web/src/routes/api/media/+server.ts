import { json } from '@sveltejs/kit';
import { storeMedia } from '@tweetflow/core';
import { MAX_MEDIA_BYTES } from '@tweetflow/x/rules';
import { jsonError, withWorkspaceAccess } from '#lib/server/http-api.ts';
import type { RequestHandler } from './$types';

// Room for the multipart envelope around the largest file X accepts.
const MAX_REQUEST_BYTES = MAX_MEDIA_BYTES + 64 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Uploads one media file for a workspace: multipart form with `workspaceId` and `file`.
 * Answers 201 with the stored file, or a JSON error (400 wrong type or size, 401, 403, 413).
 */
export const POST: RequestHandler = async (event) => {
  const length = Number(event.request.headers.get('content-length') ?? '0');
  if (length > MAX_REQUEST_BYTES) return jsonError(413, 'The file is larger than anything X accepts (512 MB for video).');
  let form: FormData;
  try {
    form = await event.request.formData();
  } catch {
    return jsonError(400, 'Send the file as multipart/form-data with the fields workspaceId and file.');
  }
  const workspaceId = form.get('workspaceId');
  const file = form.get('file');
  if (typeof workspaceId !== 'string' || !UUID.test(workspaceId)) return jsonError(400, 'workspaceId: must be a workspace id.');
  if (!(file instanceof File)) return jsonError(400, 'file: attach the image or video to upload.');
  const altText = form.get('altText');
  return withWorkspaceAccess(event, workspaceId, 'editor', async ({ runtime, userId }) => {
    const stored = await storeMedia(runtime.db, runtime.media, {
      workspaceId,
      userId,
      fileName: file.name,
      mimeType: file.type,
      bytes: new Uint8Array(await file.arrayBuffer()),
      ...(typeof altText === 'string' ? { altText: altText.slice(0, 1000) } : {}),
    });
    return json(stored, { status: 201 });
  });
};
