/** The kinds of media X accepts on a post. */
export type MediaKind = 'image' | 'gif' | 'video';

type MediaRule = { kind: MediaKind; maxBytes: number; label: string };

const MIB = 1024 * 1024;

/** File types and sizes as X documents them for media upload. */
export const MEDIA_RULES: Record<string, MediaRule> = {
  'image/jpeg': { kind: 'image', maxBytes: 5 * MIB, label: 'JPEG image' },
  'image/png': { kind: 'image', maxBytes: 5 * MIB, label: 'PNG image' },
  'image/webp': { kind: 'image', maxBytes: 5 * MIB, label: 'WebP image' },
  'image/gif': { kind: 'gif', maxBytes: 15 * MIB, label: 'GIF' },
  'video/mp4': { kind: 'video', maxBytes: 512 * MIB, label: 'MP4 video' },
  'video/quicktime': { kind: 'video', maxBytes: 512 * MIB, label: 'MOV video' },
};

/** The largest file any rule allows, for upload limits before the type is known. */
export const MAX_MEDIA_BYTES = Math.max(...Object.values(MEDIA_RULES).map((rule) => rule.maxBytes));

export const MAX_IMAGES_PER_POST = 4;

/**
 * The media kind of a file X would accept, or a sentence saying why it would not.
 *
 * @example
 * checkMediaFile('image/png', 1_000); // { ok: true, kind: 'image' }
 * checkMediaFile('image/bmp', 1_000); // { ok: false, problem: 'BMP files … ' }
 */
export function checkMediaFile(mimeType: string, sizeBytes: number): { ok: true; kind: MediaKind } | { ok: false; problem: string } {
  const rule = MEDIA_RULES[mimeType.toLowerCase()];
  if (!rule) {
    return { ok: false, problem: `X does not accept ${mimeType || 'this file type'}; use JPEG, PNG, WebP, GIF, MP4 or MOV.` };
  }
  if (sizeBytes <= 0) return { ok: false, problem: 'The file is empty.' };
  if (sizeBytes > rule.maxBytes) {
    return { ok: false, problem: `This ${rule.label} is ${formatMiB(sizeBytes)}; X accepts up to ${formatMiB(rule.maxBytes)}.` };
  }
  return { ok: true, kind: rule.kind };
}

/**
 * Why this set of media cannot go on one post, or `null`: up to 4 images, or one GIF or video alone.
 *
 * @example
 * mediaSetProblem(['image', 'video']); // 'A GIF or video must be the only media on its post.'
 */
export function mediaSetProblem(kinds: readonly MediaKind[]): string | null {
  if (kinds.length === 0) return null;
  const motion = kinds.filter((kind) => kind !== 'image').length;
  if (motion > 0 && kinds.length > 1) return 'A GIF or video must be the only media on its post.';
  if (kinds.length > MAX_IMAGES_PER_POST) return `A post can carry up to ${MAX_IMAGES_PER_POST} images.`;
  return null;
}

function formatMiB(bytes: number): string {
  return `${(bytes / MIB).toFixed(bytes < 10 * MIB ? 1 : 0)} MB`;
}
