import { and, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import { outboundEmails, users, workspaceMembers, type Executor } from '@tweetflow/db';
import { QUEUES } from '../queue/queues';
import type { EmailDeps } from './email-deps';

export type NewEmail = { workspaceId: string | null; kind: string; to: string[]; subject: string; text: string; html: string };
export type EmailJobData = { emailId: string };

/**
 * Stores an email and, when SMTP is configured, enqueues its sending (retried while the
 * server is down). Without SMTP it stays `stored`, readable on the app's outbox page.
 * Returns the email's id, or null when there is nobody to send it to.
 *
 * @example
 * await queueEmail(db, email, { workspaceId, kind: 'report.weekly', to, subject, text, html });
 */
export async function queueEmail(db: Executor, deps: EmailDeps, email: NewEmail): Promise<string | null> {
  if (email.to.length === 0) return null;
  const [stored] = await db.insert(outboundEmails).values({ ...email, createdAt: deps.clock.now() }).returning({ id: outboundEmails.id });
  if (deps.smtpUrl) await deps.boss.send(QUEUES.sendEmail, { emailId: stored!.id } satisfies EmailJobData);
  return stored!.id;
}

/**
 * The addresses of the people who run a workspace (owners and editors with an email).
 *
 * @example
 * const to = await workspaceRecipients(db, workspaceId); // ['ada@example.com']
 */
export async function workspaceRecipients(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db
    .select({ email: users.email })
    .from(workspaceMembers)
    .innerJoin(users, eq(users.id, workspaceMembers.userId))
    .where(and(eq(workspaceMembers.workspaceId, workspaceId), inArray(workspaceMembers.role, ['owner', 'editor']), isNotNull(users.email)));
  return rows.flatMap((row) => (row.email ? [row.email] : []));
}

/**
 * The workspace's latest emails, newest first, for the outbox page.
 *
 * @example
 * const emails = await listOutboundEmails(db, workspaceId, 50);
 */
export async function listOutboundEmails(db: Executor, workspaceId: string, limit: number) {
  return db.select().from(outboundEmails).where(eq(outboundEmails.workspaceId, workspaceId)).orderBy(desc(outboundEmails.createdAt)).limit(limit);
}
