import { z } from 'zod';
import { json, type SandboxResponse } from '../http/responses';
import { invalidRequest, notFound } from '../problems';
import {
  appendSegment,
  finalizeUpload,
  initializeUpload,
  MediaRejectedError,
  pollProcessing,
  processingInfo,
  sniffMediaType,
  UPLOAD_LIFETIME_SECS,
} from '../state/media';
import type { SandboxMedia } from '../state/types';
import { userRoute, type SandboxRoute, type UserContext } from './context';
import { parseJsonBody } from './validation';

const WRITE = ['media.write'];
const initializeBody = z.object({
  media_type: z.string(),
  total_bytes: z.number().int().nonnegative(),
  media_category: z.string().optional(),
  additional_owners: z.array(z.string()).optional(),
  shared: z.boolean().optional(),
});

const metadataBody = z.object({
  id: z.string(),
  metadata: z.object({ alt_text: z.object({ text: z.string().max(1000, 'Alt text is at most 1000 characters.') }).optional() }).passthrough().default({}),
});

/**
 * X's v2 media upload: chunked (initialize → append… → finalize → STATUS polls) and one-shot.
 * X's document marks `meta` as required in these responses, so an empty one is sent.
 */
export const mediaRoutes: SandboxRoute[] = [
  userRoute('POST', '/2/media/upload/initialize', WRITE, ({ world, user, body }) => {
    const parsed = parseJsonBody(body, initializeBody);
    if (!parsed.ok) return parsed.response;
    const { media_type, total_bytes, media_category } = parsed.value;
    return rejectionsAsProblems(() => uploadAnswer(initializeUpload(world, user, media_type, total_bytes, media_category)));
  }),
  userRoute('POST', '/2/media/upload/:id/append', WRITE, (context, { id = '' }) =>
    withOwnMedia(context, id, (media) => {
      const chunk = chunkOf(context);
      if (!chunk) return invalidRequest('Send the chunk as a multipart `media` part with a `segment_index` field.', { media: [] });
      appendSegment(media, chunk.segmentIndex, chunk.size);
      return json(200, { data: { expires_at: Math.floor(media.createdAt / 1000) + UPLOAD_LIFETIME_SECS }, meta: {} });
    }),
  ),
  userRoute('POST', '/2/media/upload/:id/finalize', WRITE, (context, { id = '' }) =>
    withOwnMedia(context, id, (media) => uploadAnswer(finalizeUpload(context.world, media))),
  ),
  userRoute('GET', '/2/media/upload', WRITE, (context) => {
    const { searchParams } = context.url;
    if ((searchParams.get('command') ?? 'STATUS').toUpperCase() !== 'STATUS') {
      return invalidRequest('Only command=STATUS is supported on GET.', { command: [searchParams.get('command') ?? ''] });
    }
    return withOwnMedia(context, searchParams.get('media_id') ?? '', (media) => uploadAnswer(pollProcessing(context.world, media)));
  }),
  // Metadata of the uploader's own media: only alt text is kept; other metadata is accepted and ignored.
  userRoute('POST', '/2/media/metadata', WRITE, (context) => {
    const parsed = parseJsonBody(context.body, metadataBody);
    if (!parsed.ok) return parsed.response;
    const { id, metadata } = parsed.value;
    return withOwnMedia(context, id, (media) => {
      if (metadata.alt_text) media.altText = metadata.alt_text.text;
      return json(200, { data: { id: media.id, associated_metadata: media.altText === undefined ? {} : { alt_text: { text: media.altText } } } });
    });
  }),
  userRoute('POST', '/2/media/upload', WRITE, ({ world, user, body }) => {
    if (body.kind !== 'multipart' || !body.files.media) {
      return invalidRequest('Send the file as a multipart `media` part.', { media: [] });
    }
    const file = body.files.media;
    const declared = body.fields.media_type ?? (file.contentType === 'application/octet-stream' ? undefined : file.contentType);
    const mediaType = declared ?? sniffMediaType(file.data) ?? 'application/octet-stream';
    return rejectionsAsProblems(() => {
      const media = initializeUpload(world, user, mediaType, file.data.length, body.fields.media_category);
      appendSegment(media, 0, file.data.length);
      return uploadAnswer(finalizeUpload(world, media));
    });
  }),
];

function uploadAnswer(media: SandboxMedia): SandboxResponse {
  const info = processingInfo(media);
  return json(200, {
    data: {
      id: media.id,
      media_key: media.mediaKey,
      size: media.totalBytes,
      expires_after_secs: UPLOAD_LIFETIME_SECS,
      ...(info ? { processing_info: info } : {}),
    },
    meta: {},
  });
}

function withOwnMedia(context: UserContext, id: string, act: (media: SandboxMedia) => SandboxResponse): SandboxResponse {
  const media = context.world.store.media.get(id);
  if (!media || media.ownerId !== context.user.id) {
    return notFound(`Could not find media with id: [${id}].`);
  }
  return rejectionsAsProblems(() => act(media));
}

function rejectionsAsProblems(act: () => SandboxResponse): SandboxResponse {
  try {
    return act();
  } catch (error) {
    if (error instanceof MediaRejectedError) return invalidRequest(error.message, { [error.parameter]: [] });
    throw error;
  }
}

function chunkOf({ body }: UserContext): { segmentIndex: number; size: number } | undefined {
  if (body.kind === 'multipart' && body.files.media) {
    return { segmentIndex: Number(body.fields.segment_index ?? 0), size: body.files.media.data.length };
  }
  if (body.kind === 'json' && typeof body.value === 'object' && body.value !== null) {
    const { media, segment_index } = body.value as { media?: unknown; segment_index?: unknown };
    if (typeof media === 'string') return { segmentIndex: Number(segment_index ?? 0), size: Buffer.from(media, 'base64').length };
  }
  return undefined;
}
