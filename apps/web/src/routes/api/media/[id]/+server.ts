import { Readable } from 'node:stream';
import { findMedia, mediaWorkspace } from '@tweetflow/core';
import { jsonError, withWorkspaceAccess } from '#lib/server/http-api.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Serves an uploaded file to members of its workspace (viewers included). */
export const GET: RequestHandler = async (event) => {
  const mediaId = event.params.id;
  if (!UUID.test(mediaId)) return jsonError(404, 'That media file does not exist.');
  const runtime = await getRuntime();
  const workspaceId = await mediaWorkspace(runtime.db, mediaId);
  if (!workspaceId) return jsonError(404, 'That media file does not exist.');
  return withWorkspaceAccess(event, workspaceId, 'viewer', async () => {
    const file = await findMedia(runtime.db, { workspaceId, mediaId });
    const body = Readable.toWeb(runtime.media.stream(file.storageKey)) as ReadableStream<Uint8Array>;
    return new Response(body, {
      headers: {
        'content-type': file.mimeType,
        'content-length': String(file.sizeBytes),
        'cache-control': 'private, max-age=31536000, immutable',
        'x-content-type-options': 'nosniff',
      },
    });
  });
};
