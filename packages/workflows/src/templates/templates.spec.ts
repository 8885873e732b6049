import { describe, expect, it } from 'vitest';
import { evaluateExpression, renderTemplate, resolveParams } from '../expressions';
import { successors } from '../graph';
import { nextTriggerTimes } from '../trigger-times';
import { validateWorkflow } from '../validation';
import { WORKFLOW_TEMPLATES } from './index';

const accountId = 'acc_brand';
const scope = (trigger: unknown) => ({ trigger, nodes: {}, vars: {}, run: { id: 'run_1', startedAt: '2025-06-06T13:00:00Z' } });
const template = (id: string) => WORKFLOW_TEMPLATES.find((candidate) => candidate.id === id)!;

describe('WORKFLOW_TEMPLATES', () => {
  it.each(WORKFLOW_TEMPLATES.map((entry) => [entry.id, entry] as const))('%s passes validation with the chosen account', (_id, entry) => {
    const definition = entry.build({ accountId, timezone: 'Europe/Berlin' });
    expect(validateWorkflow(definition, { accountIds: [accountId] })).toEqual({ ok: true, definition });
    expect(definition.nodes.every((node) => node.position !== undefined)).toBe(true);
  });

  it('has unique ids', () => {
    expect(new Set(WORKFLOW_TEMPLATES.map((entry) => entry.id)).size).toBe(WORKFLOW_TEMPLATES.length);
  });

  it('schedules the daily post at 09:00 in the chosen zone, DST included', () => {
    const { trigger } = template('daily-post-from-list').build({ accountId, timezone: 'Europe/Berlin' });
    const times = nextTriggerTimes(trigger, new Date('2025-03-29T12:00:00Z'), 2).map((date) => date.toISOString());
    expect(times).toEqual(['2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z']);
  });

  it('replies to a mention with the keyword in any case', async () => {
    const definition = template('auto-reply-to-keyword-mentions').build({ accountId });
    const [check] = successors(definition, 'trigger', 'next');
    const condition = definition.nodes.find((node) => node.id === check)!.params as { condition: string };
    const mention = { post: { id: '1790', text: '@brand what is your PRICING?', authorId: '42', authorUsername: 'ada', createdAt: '', conversationId: '1790' } };
    expect(await resolveParams(condition, scope(mention))).toEqual({ condition: true });
    const reply = definition.nodes.find((node) => node.id === 'reply')!;
    expect(await resolveParams(reply.params, scope(mention))).toMatchObject({ inReplyTo: '1790', text: expect.stringMatching(/^Hi @ada! /) });
  });

  it('plugs a post only past the like threshold', async () => {
    const definition = template('auto-plug-popular-posts').build({ accountId });
    const popular = definition.nodes.find((node) => node.id === 'popular')!.params as { condition: string };
    const withVars = (likes: unknown) => ({ ...scope({ body: { postId: '1', likes } }), vars: { threshold: 100 } });
    expect(await resolveParams(popular, withVars(120))).toEqual({ condition: true });
    expect(await resolveParams(popular, withVars('99'))).toEqual({ condition: false });
    const plug = definition.nodes.find((node) => node.id === 'plug')!;
    expect(await resolveParams(plug.params, scope({}))).toMatchObject({ variables: { threshold: 100 } });
  });

  it('dates the weekly thread in the workflow zone', async () => {
    const definition = template('weekly-thread').build({ accountId, timezone: 'Pacific/Auckland' });
    const thread = definition.nodes[0]!.params as { items: string[] };
    expect(await renderTemplate(thread.items[0]!, scope({ firedAt: '2025-06-06T13:00:00Z' }), { timezone: definition.settings.timezone })).toBe('Our week, 7 June 🧵');
  });

  it('reposts only when the address answered with a post id', async () => {
    const definition = template('repost-top-post-of-the-week').build({ accountId });
    const found = (definition.nodes.find((node) => node.id === 'found')!.params as { condition: string }).condition.replace(/^\{\{|\}\}$/g, '');
    const withTop = (top: unknown) => ({ ...scope({ firedAt: '' }), nodes: { top } });
    expect(await evaluateExpression(found, withTop({ status: 200, headers: {}, body: { postId: '1790' } }))).toBe(true);
    expect(await evaluateExpression(found, withTop({ status: 200, headers: {}, body: {} }))).toBe(false);
    expect(await evaluateExpression(found, withTop({ status: 404, headers: {}, body: 'Not found' }))).toBe(false);
  });
});
