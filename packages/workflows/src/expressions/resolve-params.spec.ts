import { describe, expect, it } from 'vitest';
import { runScope } from '../test-data';
import { ExpressionError } from './expression-error';
import { resolveParams } from './resolve-params';

describe('resolveParams', () => {
  it('turns a field that is one expression into its raw value, and renders the rest as text', async () => {
    const params = {
      accountId: 'acc_1',
      items: ' {{ nodes.fetch.body.ideas }} ',
      strategy: 'round_robin',
      cooldownDays: 7,
      text: '{{ nodes.fetch.body.title }}: {{ vars.count }} ideas',
      count: '{{ vars.count * 2 }}',
    };
    expect(await resolveParams(params, runScope())).toEqual({
      accountId: 'acc_1',
      items: ['ship it', 'tell people'],
      strategy: 'round_robin',
      cooldownDays: 7,
      text: 'Release notes: 3 ideas',
      count: 6,
    });
  });

  it('walks lists and records', async () => {
    const params = { items: ['{{ trigger.body.text }}', 'plain'], headers: { 'X-Run': '{{ run.id }}' }, body: undefined };
    expect(await resolveParams(params, runScope())).toEqual({ items: ['Our launch is live', 'plain'], headers: { 'X-Run': 'run_1' }, body: undefined });
  });

  it('names the param whose expression failed', async () => {
    const error = await resolveParams({ items: ['ok', '{{ $number(trigger.body.text) }}'] }, runScope()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect(error).toMatchObject({
      field: 'params.items.1',
      expression: '$number(trigger.body.text)',
      message: 'In params.items.1: Expression `$number(trigger.body.text)` failed: Unable to cast value to a number: "Our launch is live"',
    });
  });
});
