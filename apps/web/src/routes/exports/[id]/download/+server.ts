import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { DomainError, EXPORT_LINK_PURPOSE, ExportStore, openDataExportDownload, verifyExportLink } from '@tweetflow/core';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

/**
 * Downloads a finished data export through its signed link. The signature and expiry are
 * checked before the database is asked, so a guessed id learns nothing.
 */
export const GET: RequestHandler = async ({ params, url, locals }) => {
  const runtime = await getRuntime();
  const key = runtime.xAccounts.keyring.deriveKey(EXPORT_LINK_PURPOSE);
  const check = verifyExportLink(key, params.id, url.searchParams, runtime.clock.now());
  if (!check.ok) {
    error(check.problem === 'expired' ? 410 : 403, check.problem === 'expired'
      ? 'This download link has expired. Request a new export in Settings → Privacy & data.'
      : 'This download link is not valid. Open the export from Settings → Privacy & data.');
  }
  try {
    const file = await openDataExportDownload(runtime.db, runtime.clock, ExportStore.inDataDir(runtime.config.dataDir), {
      exportId: params.id,
      client: locals.client,
    });
    return new Response(Readable.toWeb(file.stream) as ReadableStream<Uint8Array>, {
      headers: {
        'content-type': 'application/zip',
        'content-disposition': `attachment; filename="${file.fileName}"`,
        ...(file.sizeBytes === null ? {} : { 'content-length': String(file.sizeBytes) }),
        'cache-control': 'private, no-store',
      },
    });
  } catch (caught) {
    if (caught instanceof DomainError) error(410, caught.message);
    throw caught;
  }
};
