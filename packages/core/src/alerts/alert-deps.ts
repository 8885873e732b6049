import type { EmailDeps } from '../email/email-deps';

/** What alert evaluation needs besides the database: the clock, queue and mail come with email. */
export type AlertDeps = EmailDeps & {
  /** The app's address, for links in emails and webhooks. */
  publicUrl: string;
};
