import type { Database } from '@tweetflow/db';
import type { MediaStore } from '../media/media-store';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';
import type { XAccountDeps } from '../x-accounts/x-account-deps';
import type { ExportStore } from './export-store';

/** What erasing needs: the database, the files, and X (to revoke tokens). */
export type ErasureDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  media: MediaStore;
  exports: ExportStore;
  xAccounts: Pick<XAccountDeps, 'keyring' | 'oauth' | 'logger'>;
};
