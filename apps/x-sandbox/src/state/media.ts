import type { SandboxWorld } from '../world';
import type { SandboxMedia, SandboxUser } from './types';

const MB = 1024 * 1024;

/** X's documented limits for post media; anything else is refused at initialize. */
const MEDIA_KINDS: Record<string, { maxBytes: number; category: string; keyPrefix: number; processed: boolean }> = {
  'image/jpeg': { maxBytes: 5 * MB, category: 'tweet_image', keyPrefix: 3, processed: false },
  'image/png': { maxBytes: 5 * MB, category: 'tweet_image', keyPrefix: 3, processed: false },
  'image/webp': { maxBytes: 5 * MB, category: 'tweet_image', keyPrefix: 3, processed: false },
  'image/gif': { maxBytes: 15 * MB, category: 'tweet_gif', keyPrefix: 16, processed: true },
  'video/mp4': { maxBytes: 512 * MB, category: 'tweet_video', keyPrefix: 7, processed: true },
};
export const MAX_SEGMENT_BYTES = 5 * MB;
export const MAX_SEGMENT_INDEX = 999;
export const UPLOAD_LIFETIME_SECS = 24 * 60 * 60;
/** Video and GIF processing finishes after this much sandbox time, or after two STATUS polls. */
const PROCESSING_MS = 3_000;

/** Why an upload step was refused, worded for the `invalid-request` message. */
export class MediaRejectedError extends Error {
  constructor(message: string, readonly parameter: string) {
    super(message);
  }
}

/**
 * Opens a chunked upload after checking type and size against X's limits.
 *
 * @example
 * const media = initializeUpload(world, alice, 'image/png', 120_000);
 */
export function initializeUpload(world: SandboxWorld, owner: SandboxUser, mediaType: string, totalBytes: number, category?: string): SandboxMedia {
  const kind = MEDIA_KINDS[mediaType];
  if (!kind) throw new MediaRejectedError(`Media type ${mediaType} is not supported; use JPEG, PNG, WebP, GIF or MP4.`, 'media_type');
  if (totalBytes <= 0 || totalBytes > kind.maxBytes) {
    throw new MediaRejectedError(`${mediaType} files may be at most ${kind.maxBytes / MB} MB (got ${totalBytes} bytes).`, 'total_bytes');
  }
  const id = world.ids.next();
  const media: SandboxMedia = {
    id,
    mediaKey: `${kind.keyPrefix}_${id}`,
    ownerId: owner.id,
    mediaType,
    category: category ?? kind.category,
    totalBytes,
    receivedBytes: 0,
    segments: new Set(),
    state: 'uploading',
    createdAt: world.now(),
    statusPolls: 0,
  };
  world.store.media.set(id, media);
  return media;
}

/**
 * Records one chunk. Only its size is kept: nothing in the sandbox looks at the bytes.
 *
 * @example
 * appendSegment(media, 0, chunk.length);
 */
export function appendSegment(media: SandboxMedia, segmentIndex: number, size: number): void {
  if (media.state !== 'uploading') throw new MediaRejectedError('This upload was already finalized.', 'id');
  if (!Number.isInteger(segmentIndex) || segmentIndex < 0 || segmentIndex > MAX_SEGMENT_INDEX) {
    throw new MediaRejectedError('segment_index must be an integer from 0 to 999.', 'segment_index');
  }
  if (size === 0 || size > MAX_SEGMENT_BYTES) throw new MediaRejectedError('Each chunk must be 1 byte to 5 MB.', 'media');
  if (media.segments.has(segmentIndex)) throw new MediaRejectedError(`Segment ${segmentIndex} was already sent.`, 'segment_index');
  if (media.receivedBytes + size > media.totalBytes) throw new MediaRejectedError('More bytes arrived than total_bytes announced.', 'media');
  media.segments.add(segmentIndex);
  media.receivedBytes += size;
}

/**
 * Closes an upload: images are ready at once; GIFs and videos start processing.
 *
 * @example
 * finalizeUpload(world, media).state; // 'succeeded' or 'pending'
 */
export function finalizeUpload(world: SandboxWorld, media: SandboxMedia): SandboxMedia {
  if (media.state !== 'uploading') return media;
  if (media.receivedBytes !== media.totalBytes) {
    throw new MediaRejectedError(`Received ${media.receivedBytes} of ${media.totalBytes} bytes; send every segment before finalizing.`, 'id');
  }
  media.finalizedAt = world.now();
  media.state = MEDIA_KINDS[media.mediaType]?.processed ? 'pending' : 'succeeded';
  world.onChange();
  return media;
}

/**
 * Processing state for a STATUS poll. Each poll moves processing a step on (so clients
 * with a frozen clock finish too), as does the sandbox clock.
 *
 * @example
 * pollProcessing(world, media); // 'in_progress', then 'succeeded'
 */
export function pollProcessing(world: SandboxWorld, media: SandboxMedia): SandboxMedia {
  if (media.state !== 'pending' && media.state !== 'in_progress') return media;
  media.statusPolls++;
  const elapsed = world.now() - (media.finalizedAt ?? world.now());
  media.state = media.statusPolls >= 2 || elapsed >= PROCESSING_MS ? 'succeeded' : 'in_progress';
  world.onChange();
  return media;
}

/**
 * X's `processing_info` for media that is (or was) processed; absent for images.
 *
 * @example
 * processingInfo(media); // { state: 'pending', check_after_secs: 1 }
 */
export function processingInfo(media: SandboxMedia): Record<string, unknown> | undefined {
  if (!MEDIA_KINDS[media.mediaType]?.processed || media.state === 'uploading') return undefined;
  if (media.state === 'succeeded') return { state: 'succeeded', progress_percent: 100 };
  if (media.state === 'failed') return { state: 'failed' };
  return { state: media.state, check_after_secs: 1, progress_percent: media.state === 'pending' ? 0 : 50 };
}

/**
 * The media type of a one-shot upload from its leading bytes, when the client did not say.
 *
 * @example
 * sniffMediaType(Buffer.from([0xff, 0xd8, 0xff])); // 'image/jpeg'
 */
export function sniffMediaType(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'image/jpeg';
  if (bytes.subarray(0, 4).toString('hex') === '89504e47') return 'image/png';
  if (bytes.subarray(0, 4).toString('latin1') === 'GIF8') return 'image/gif';
  if (bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  return undefined;
}
