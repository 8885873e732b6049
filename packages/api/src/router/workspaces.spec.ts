import { afterEach, describe, expect, it } from 'vitest';
import { createApiHarness, type ApiHarness } from '../testing/harness';

let harness: ApiHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('invitations', () => {
  it('are emailed to the invited address when a mail server is set up, and kept out of the workspace stored emails', async () => {
    harness = await createApiHarness({ env: { SMTP_URL: 'smtp://mail.example.test:587' } });
    const owner = await harness.signUpPerson('Ada Owner');
    const { sql } = harness.database;

    const invite = await owner.api.workspaces.invite({ workspaceId: owner.workspaceId, email: 'grace@example.com', role: 'editor' });

    expect(invite.emailed).toBe(true);
    const [workspace] = await sql<Array<{ name: string }>>`select name from workspaces where id = ${owner.workspaceId}`;
    const emails = await sql<Array<{ id: string; to: string[]; workspaceId: string | null; status: string; subject: string; text: string; html: string }>>`
      select id, "to", workspace_id as "workspaceId", status, subject, text, html from outbound_emails where kind = 'workspace.invite'`;
    expect(emails).toMatchObject([
      { to: ['grace@example.com'], workspaceId: null, status: 'stored', subject: `Ada Owner invited you to ${workspace!.name} on TweetFlow` },
    ]);
    expect(emails[0]!.text).toContain(`Accept the invitation: ${invite.link}`);
    expect(emails[0]!.text).toContain('as an editor');
    expect(emails[0]!.html).toContain(`href="${invite.link}"`);
    const jobs = await sql<Array<{ emailId: string }>>`select data->>'emailId' as "emailId" from pgboss.job where name = 'email.send'`;
    expect(jobs.map((job) => job.emailId)).toEqual([emails[0]!.id]);
    // Editors read the workspace's stored emails; the link is only the owner's to hand out.
    expect(await owner.api.reports.emails({ workspaceId: owner.workspaceId })).toEqual([]);
  });

  it('are only a link to pass on when no mail server is set up', async () => {
    harness = await createApiHarness();
    const owner = await harness.signUpPerson('Ada Owner');

    const invite = await owner.api.workspaces.invite({ workspaceId: owner.workspaceId, email: 'grace@example.com', role: 'viewer' });

    expect(invite.emailed).toBe(false);
    expect(invite.link).toMatch(/\/invite\/\S+$/);
    expect(await harness.database.sql`select id from outbound_emails`).toEqual([]);
  });
});
