import { describe, expect, it } from 'vitest';
import { runScope } from '../test-data';
import { ExpressionError } from './expression-error';
import { renderTemplate } from './render-template';

describe('renderTemplate', () => {
  it('leaves text without expressions as it is', async () => {
    expect(await renderTemplate('Good morning!', runScope())).toBe('Good morning!');
  });

  it('writes each value the way a reader expects it', async () => {
    const scope = runScope({ vars: { count: 3, ok: true, list: ['a', 'b'], user: { name: 'Ada' }, nothing: null } });
    const rendered = await renderTemplate(
      '{{ trigger.body.text }} | {{ vars.count }} | {{ vars.ok }} | {{ vars.list }} | {{ vars.user }} | [{{ vars.nothing }}] | [{{ vars.absent }}]',
      scope,
    );
    expect(rendered).toBe('Our launch is live | 3 | true | ["a","b"] | {"name":"Ada"} | [] | []');
  });

  it('reads object constructors with nested braces as one expression', async () => {
    expect(await renderTemplate('{{ {"title": {"text": nodes.fetch.body.title}}.title.text }}!', runScope())).toBe('Release notes!');
    expect(await renderTemplate("{{ '}}' & vars.count }}", runScope())).toBe('}}3');
  });

  it('formats dates and hashtags inside a post', async () => {
    const rendered = await renderTemplate(
      "Live since {{ $formatDate(trigger.receivedAt, 'dddd HH:mm z') }} {{ $hashtags(trigger.body.tags) }}",
      runScope(),
      { timezone: 'Europe/Berlin' },
    );
    expect(rendered).toBe('Live since Saturday 09:30 CEST #launch #Buildinpublic');
  });

  it('fails on an unclosed expression, saying how to fix it', async () => {
    const error = await renderTemplate('Hello {{ trigger.body.text', runScope()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).message).toBe('Expression `{{ trigger.body.text` has no closing `}}`; close it or remove the `{{`.');
  });
});
