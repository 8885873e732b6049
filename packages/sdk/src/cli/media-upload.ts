import path from 'node:path';
import { uploadMedia, type UploadedMedia } from '../media.ts';
import { TweetFlowError } from '../errors.ts';
import type { CliContext } from './context.ts';
import { UsageError } from './usage-error.ts';

/**
 * Uploads a file for the CLI with a progress bar (on a terminal). A file that cannot be
 * read is a usage error; the server's refusals stay TweetFlowErrors.
 *
 * @example
 * const { id } = await uploadWithProgress(context, { workspaceId, file: 'chart.png' });
 */
export async function uploadWithProgress(context: CliContext, upload: { workspaceId: string; file: string }): Promise<UploadedMedia> {
  const bar = context.output.progress(path.basename(upload.file));
  try {
    return await uploadMedia(await context.login(), { ...upload, onProgress: (sent, total) => bar.update(sent, total) });
  } catch (error) {
    if (error instanceof TweetFlowError) throw error;
    throw new UsageError((error as Error).message);
  } finally {
    bar.finish();
  }
}
