import type { alertIncidents, alertRules, Executor } from '@tweetflow/db';
import { queueEmail, workspaceRecipients } from '../email/outbox';
import { emitWorkspaceEvent } from '../events/workspace-events';
import { notifyWorkspaceEditors } from '../notifications/notify-members';
import { QUEUES } from '../queue/queues';
import type { AlertDeps } from './alert-deps';

type Rule = typeof alertRules.$inferSelect;
type Incident = typeof alertIncidents.$inferSelect;

export type AlertWebhookJobData = { incidentId: string; url: string; text: string };

/**
 * Tells people about a new incident on every channel the rule asks for: an in-app
 * notification to owners and editors (live in their open tabs), an email, and a
 * Slack-compatible webhook (`{"text": …}`, sent by a job that retries).
 *
 * @example
 * await deliverAlert(tx, deps, rule, incident);
 */
export async function deliverAlert(db: Executor, deps: AlertDeps, rule: Rule, incident: Incident): Promise<void> {
  const absoluteLink = incident.link ? `${deps.publicUrl}${incident.link}` : deps.publicUrl;
  if (rule.inApp) {
    await notifyWorkspaceEditors(db, rule.workspaceId, { kind: `alert.${rule.kind}`, title: incident.title, body: incident.body, link: incident.link });
  }
  await emitWorkspaceEvent(db, rule.workspaceId, { type: 'alert', incidentId: incident.id, ruleKind: rule.kind, title: incident.title, count: incident.count });
  if (rule.email) {
    await queueEmail(db, deps, {
      workspaceId: rule.workspaceId,
      kind: 'alert',
      to: await workspaceRecipients(db, rule.workspaceId),
      subject: `[TweetFlow alert] ${incident.title}`,
      text: `${incident.body}\n\nOpen TweetFlow: ${absoluteLink}\n`,
      html: `<p><strong>${escapeHtml(incident.title)}</strong></p><p>${escapeHtml(incident.body)}</p><p><a href="${escapeHtml(absoluteLink)}">Open TweetFlow</a></p>`,
    });
  }
  if (rule.webhookUrl) {
    await deps.boss.send(QUEUES.deliverAlertWebhook, {
      incidentId: incident.id,
      url: rule.webhookUrl,
      text: `:rotating_light: *${incident.title}*\n${incident.body}\n<${absoluteLink}|Open TweetFlow>`,
    } satisfies AlertWebhookJobData);
  }
}

/**
 * Text safe to place inside HTML.
 *
 * @example
 * escapeHtml('<b>&'); // '&lt;b&gt;&amp;'
 */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
