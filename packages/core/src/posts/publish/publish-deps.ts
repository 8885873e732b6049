import type { MediaStore } from '../../media/media-store';
import type { XAccountDeps } from '../../x-accounts/x-account-deps';
import type { PublishingDeps } from '../publishing-deps';

/** What publishing needs: the queue and clock, the X account services, and the media files. */
export type PublishDeps = PublishingDeps & {
  xAccounts: XAccountDeps;
  media: MediaStore;
  /** How long an X call may stay silent before its outcome counts as unknown. */
  xRequestTimeoutMs: number;
};
