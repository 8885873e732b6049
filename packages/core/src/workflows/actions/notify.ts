import { queueEmail, workspaceRecipients } from '../../email/outbox';
import { notifyWorkspaceEditors } from '../../notifications/notify-members';
import type { NodeContext } from './node-context';
import { done, StepFailure, TransientStepError, type NodeResult } from './node-result';
import { safeRequest, UnsafeRequestError } from '../../http/safe-request';

type NotifyParams = { channel: 'in_app' | 'email' | 'webhook'; title: unknown; body: unknown; target?: unknown };

/**
 * notify: tells people. In-app goes to the workspace's editors (live); email to the target
 * address or the workspace's owners and editors (SMTP when configured, always the outbox);
 * webhook POSTs Slack-compatible JSON (`{ text }`) to the target URL, SSRF-safe. A dry run
 * delivers nothing.
 *
 * @example
 * await runNotify(context, { channel: 'in_app', title: 'Posted', body: '{{ nodes.post.url }}' });
 */
export async function runNotify(context: NodeContext, params: NotifyParams): Promise<NodeResult> {
  const title = String(params.title ?? '').slice(0, 200);
  const body = String(params.body ?? '').slice(0, 4000);
  if (context.dryRun) return done({ delivered: false, dryRun: true, channel: params.channel, title, body });
  if (params.channel === 'in_app') {
    await notifyWorkspaceEditors(context.db, context.workspaceId, {
      kind: 'workflow.notify',
      title,
      body,
      link: `/app/workflows/${context.workflowId}/runs/${context.runId}`,
    });
    return done({ delivered: true });
  }
  if (params.channel === 'webhook') {
    const url = String(params.target ?? '');
    try {
      const response = await safeRequest({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: `*${title}*\n${body}` }),
        timeoutMs: 10_000,
        maxResponseBytes: 100_000,
        allowedHosts: context.deps.httpAllowedHosts,
      });
      if (response.status >= 500) throw new TransientStepError(`${url} answered HTTP ${response.status}.`);
      if (response.status >= 400) throw new StepFailure(`${url} refused the notification (HTTP ${response.status}).`);
      return done({ delivered: true, status: response.status });
    } catch (error) {
      if (error instanceof UnsafeRequestError) throw new StepFailure(error.message);
      if (error instanceof StepFailure || error instanceof TransientStepError) throw error;
      throw new TransientStepError(`Could not reach ${url}: ${(error as Error).message}`);
    }
  }
  return sendEmail(context, { title, body, target: params.target });
}

async function sendEmail(context: NodeContext, message: { title: string; body: string; target: unknown }): Promise<NodeResult> {
  const target = typeof message.target === 'string' ? message.target.trim() : '';
  if (target && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(target)) throw new StepFailure(`"${target}" is not an email address.`);
  const to = target ? [target] : await workspaceRecipients(context.db, context.workspaceId);
  if (to.length === 0) throw new StepFailure('Nobody to email: give an address, or add an email to a workspace owner\'s profile.');
  const emailId = await queueEmail(context.db, context.deps.email, {
    workspaceId: context.workspaceId,
    kind: 'workflow.notify',
    to,
    subject: message.title,
    text: message.body,
    html: `<p>${escapeHtml(message.body).replaceAll('\n', '<br>')}</p>`,
  });
  return done({ delivered: true, emailId });
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}
