import type { EmailDeps } from '../email/email-deps';
import type { PublishDeps } from '../posts/publish/publish-deps';

/** What the workflow engine needs: everything publishing needs, plus HTTP request policy. */
export type WorkflowDeps = PublishDeps & {
  /**
   * Hosts the HTTP action may reach although they resolve to private or loopback
   * addresses (an operator's allow-list, e.g. an intranet service). Empty by default.
   */
  httpAllowedHosts: readonly string[];
  /** The app's public address, for webhook URLs shown to people. */
  publicUrl: string;
  /** Email: sent through SMTP when configured, always kept in the workspace's outbox. */
  email: EmailDeps;
};
