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
  /**
   * Sends (or, without SMTP, stores for viewing in the app) an email; `to: null` means the
   * workspace's owners. Absent when the deployment has no email delivery.
   */
  sendEmail?: (message: { workspaceId: string; to: string[] | null; subject: string; text: string }) => Promise<void>;
};
