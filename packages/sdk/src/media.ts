import { openAsBlob } from 'node:fs';
import path from 'node:path';
import { TweetFlowError } from './errors.ts';

/** An uploaded file, ready to attach to a post item by its `id`. */
export type UploadedMedia = { id: string; kind: 'image' | 'gif' | 'video'; mimeType: string; sizeBytes: number; fileName: string; url: string };

export type MediaUpload = {
  workspaceId: string;
  /** A path on disk, or the file's bytes (then give `fileName` too). */
  file: string | Uint8Array | Blob;
  /** Defaults to the path's base name. */
  fileName?: string;
  /** Defaults to the type the file name's extension implies. */
  mimeType?: string;
  /** Read to people using screen readers on X. */
  altText?: string;
  /** Called as bytes leave, e.g. for a progress bar. */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
};

/** Where to upload: the same URL and token as the client. */
export type MediaConnection = { url: string; token: string; fetch?: typeof fetch };

// The types X accepts (checked again by the server against X's size limits).
const MIME_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
};

/**
 * Uploads an image or video to a workspace (POST /api/media); attach the answer's `id`
 * as a `mediaIds` entry of a post item. The server's refusals (a type or size X would
 * refuse, a token that may not upload) are TweetFlowErrors; a file that cannot be read
 * locally is a plain Error.
 *
 * @example
 * const image = await uploadMedia({ url, token }, { workspaceId, file: './chart.png', altText: 'Sign-ups per week' });
 * await client.posts.create.mutate({ workspaceId, content: { accountId, items: [{ text: 'Numbers!', mediaIds: [image.id] }] }, timing: { kind: 'now' } });
 */
export async function uploadMedia(connection: MediaConnection, upload: MediaUpload): Promise<UploadedMedia> {
  const fileName = upload.fileName ?? (typeof upload.file === 'string' ? path.basename(upload.file) : undefined);
  if (!fileName) throw new Error('uploadMedia: give a fileName when uploading bytes (e.g. "chart.png").');
  const mimeType = upload.mimeType ?? MIME_TYPES[path.extname(fileName).toLowerCase()];
  if (!mimeType) {
    throw new Error(`${fileName}: X accepts JPEG, PNG, WebP, GIF, MP4 and MOV files; give mimeType when the extension does not say which.`);
  }
  const form = new FormData();
  form.set('workspaceId', upload.workspaceId);
  if (upload.altText !== undefined) form.set('altText', upload.altText);
  form.set('file', await asBlob(upload.file, mimeType), fileName);

  const url = `${connection.url.replace(/\/+$/, '')}/api/media`;
  // Encoding the form through a Request gives its multipart stream and boundary, so the
  // bytes can be counted on their way out.
  const encoded = new Request(url, { method: 'POST', body: form });
  const total = (form.get('file') as Blob).size;
  let sent = 0;
  const counted = encoded.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        sent += chunk.byteLength;
        upload.onProgress?.(Math.min(sent, total), total);
        controller.enqueue(chunk);
      },
    }),
  );
  const fetchImpl = connection.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${connection.token}`, 'Content-Type': encoded.headers.get('content-type')! },
      body: counted,
      duplex: 'half',
    } as RequestInit);
  } catch (error) {
    throw TweetFlowError.of(error, connection.url);
  }
  if (!response.ok) throw await TweetFlowError.fromResponse(response);
  upload.onProgress?.(total, total);
  return (await response.json()) as UploadedMedia;
}

async function asBlob(file: MediaUpload['file'], type: string): Promise<Blob> {
  if (file instanceof Blob) return file;
  if (typeof file === 'string') {
    try {
      return await openAsBlob(file, { type });
    } catch (error) {
      throw new Error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`, { cause: error });
    }
  }
  return new Blob([file as Uint8Array<ArrayBuffer>], { type });
}
