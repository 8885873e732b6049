import { eq } from 'drizzle-orm';
import { createTransport } from 'nodemailer';
import { outboundEmails, type Executor } from '@tweetflow/db';
import type { EmailDeps } from './email-deps';

/**
 * Sends a stored email through SMTP and marks it `sent`. A failure is recorded on the email
 * and thrown again, so the job retries; an email already sent is not sent twice.
 *
 * @example
 * await deliverEmail(db, email, emailId);
 */
export async function deliverEmail(db: Executor, deps: EmailDeps, emailId: string): Promise<'sent' | 'already sent' | 'no smtp'> {
  const [email] = await db.select().from(outboundEmails).where(eq(outboundEmails.id, emailId));
  if (!email || email.status === 'sent') return 'already sent';
  if (!deps.smtpUrl) return 'no smtp';
  const transport = createTransport(deps.smtpUrl);
  try {
    await transport.sendMail({ from: deps.from, to: email.to, subject: email.subject, text: email.text, html: email.html });
    await db.update(outboundEmails).set({ status: 'sent', sentAt: deps.clock.now(), error: null }).where(eq(outboundEmails.id, emailId));
    return 'sent';
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    await db.update(outboundEmails).set({ status: 'failed', error: `The mail server refused or could not be reached: ${reason}` }).where(eq(outboundEmails.id, emailId));
    throw error;
  } finally {
    transport.close();
  }
}
