import { json } from '@sveltejs/kit';
import { enforceRequestLimit, storeMedia } from '@tweetflow/core';
import { MAX_MEDIA_BYTES } from '@tweetflow/x/rules';
import { jsonError, withWorkspaceAccess } from '#lib/server/http-api.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

// Room for the multipart envelope around the file.
const ENVELOPE_BYTES = 64 * 1024;
const MB = 1024 * 1024;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Uploads one media file for a workspace: multipart form with `workspaceId` and `file`.
 * Answers 201 with the stored file, or a JSON error (400 wrong type or size, 401, 403, 413
 * larger than allowed, 429 with Retry-After past the uploads-per-hour limit).
 */
export const POST: RequestHandler = async (event) => {
  const { config } = await getRuntime();
  // The operator's cap (UPLOAD_MAX_MB, 0 = none) never exceeds what X itself accepts.
  const maxFileBytes = Math.min(MAX_MEDIA_BYTES, config.UPLOAD_MAX_MB === 0 ? Infinity : config.UPLOAD_MAX_MB * MB);
  const length = Number(event.request.headers.get('content-length') ?? '0');
  if (length > maxFileBytes + ENVELOPE_BYTES) return jsonError(413, tooLarge(maxFileBytes));
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
  if (file.size > maxFileBytes) return jsonError(413, tooLarge(maxFileBytes));
  return withWorkspaceAccess(event, workspaceId, 'editor', async ({ runtime, userId }) => {
    await enforceRequestLimit(runtime.db, runtime.clock, runtime.config, 'upload', userId);
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

function tooLarge(maxBytes: number): string {
  return `The file is larger than this server accepts (${Math.floor(maxBytes / MB)} MB). Make it smaller and try again.`;
}
