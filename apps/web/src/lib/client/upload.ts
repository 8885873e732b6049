/** What the media endpoint answers for a stored file. */
export type UploadedMedia = {
  id: string;
  kind: 'image' | 'gif' | 'video';
  mimeType: string;
  sizeBytes: number;
  fileName: string;
  url: string;
};

export type MediaUpload = {
  /** Resolves with the stored media, or rejects with an Error whose message a person can act on. */
  done: Promise<UploadedMedia>;
  cancel: () => void;
};

/** Thrown when the upload was cancelled, so callers can tell it apart from a failure. */
export class UploadCancelledError extends Error {
  constructor() {
    super('The upload was cancelled.');
  }
}

/**
 * Uploads one file to the workspace's media with `POST /api/media`, reporting progress as a
 * fraction from 0 to 1. XMLHttpRequest rather than fetch: only it reports upload progress.
 *
 * @example
 * const upload = uploadMedia(workspaceId, file, (share) => (progress = share));
 * const media = await upload.done;
 */
export function uploadMedia(workspaceId: string, file: File, onProgress: (share: number) => void): MediaUpload {
  const request = new XMLHttpRequest();
  const done = new Promise<UploadedMedia>((resolve, reject) => {
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      const body = parseJson(request.responseText);
      if (request.status === 201 || request.status === 200) {
        onProgress(1);
        resolve(body as UploadedMedia);
      } else {
        reject(new Error(errorMessage(body) ?? describeStatus(request.status)));
      }
    };
    request.onerror = () => reject(new Error('The upload was interrupted. Check your connection and try again.'));
    request.onabort = () => reject(new UploadCancelledError());
    const form = new FormData();
    form.append('workspaceId', workspaceId);
    form.append('file', file);
    request.open('POST', '/api/media');
    request.responseType = 'text';
    request.send(form);
  });
  return { done, cancel: () => request.abort() };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorMessage(body: unknown): string | null {
  const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === 'string' && message ? message : null;
}

function describeStatus(status: number): string {
  if (status === 413) return 'The file is larger than the server accepts.';
  if (status === 401 || status === 403) return 'You cannot upload media in this workspace.';
  return `The upload failed (HTTP ${status}). Please try again.`;
}
