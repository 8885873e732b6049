import { nodeParamsJsonSchema, triggerParamsJsonSchema } from '@tweetflow/workflows';
import { describe, expect, it } from 'vitest';
import { expressionSuggestions, filterSuggestions, outputFields, runSample, samplePaths, wordAtCursor } from './workflow-expressions.ts';
import type { DefinitionDraft } from './workflow-graph.ts';
import { formFromSchema } from './workflow-schema-form.ts';

const definition: DefinitionDraft = {
  trigger: { type: 'webhook', params: {} },
  nodes: [
    { id: 'vars', type: 'set', params: { variables: { promo: 'Try it' } } },
    { id: 'check', type: 'if', params: { condition: 'true' } },
    { id: 'post', type: 'x.post', params: { accountId: 'acc', text: '' } },
    { id: 'elsewhere', type: 'x.like', params: { accountId: 'acc', postId: '1' } },
  ],
  edges: [
    { from: 'trigger', to: 'vars', label: 'next' },
    { from: 'vars', to: 'check', label: 'next' },
    { from: 'check', to: 'post', label: 'true' },
    { from: 'check', to: 'elsewhere', label: 'false' },
  ],
};

describe('autocomplete', () => {
  it('reads field names from the catalog’s outputs descriptions', () => {
    expect(outputFields('{ post: { id, text }, url }')).toEqual(['post', 'post.id', 'post.text', 'url']);
    expect(outputFields('{ postId, done: true }')).toEqual(['postId', 'done']);
    expect(outputFields('{ <name>: value, … } (also merged into vars)')).toEqual([]);
    expect(outputFields('the input object')).toEqual([]);
  });

  it('offers the trigger, upstream outputs, variables set before, and functions; not nodes on other branches', () => {
    const sample = runSample({
      id: 'run_1',
      triggerOutput: { body: { text: 'launch day', 'user-agent': 'x' } },
      vars: {},
      startedAt: null,
      steps: [{ nodeId: 'check', status: 'succeeded', output: { result: true }, error: null }],
    });
    const inserts = expressionSuggestions(definition, 'post', sample).map((suggestion) => suggestion.insert);
    expect(inserts).toEqual(expect.arrayContaining(['trigger.body.text', 'trigger.body.`user-agent`', 'trigger.receivedAt', 'nodes.check.result', 'nodes.vars', 'vars.promo', 'run.id', '$truncateForX(', '$contains(']));
    expect(inserts.some((insert) => insert.startsWith('nodes.elsewhere') || insert.startsWith('nodes.post'))).toBe(false);
    expect(filterSuggestions(expressionSuggestions(definition, 'post', sample), 'trigger.bo').map((suggestion) => suggestion.insert)).toEqual([
      'trigger.body',
      'trigger.body.text',
      'trigger.body.`user-agent`',
    ]);
  });

  it('finds the word being typed inside braces, or anywhere in a bare expression', () => {
    expect(wordAtCursor('Hi {{ trigger.bo', 16, 'template')).toEqual({ start: 6, word: 'trigger.bo' });
    expect(wordAtCursor('Hi {{ trigger }} tri', 20, 'template')).toBeNull();
    expect(wordAtCursor('$contains(trig', 14, 'bare')).toEqual({ start: 10, word: 'trig' });
  });

  it('turns sample data into paths a few levels deep', () => {
    expect(samplePaths({ a: { b: { c: { d: 1 } } } }, 'trigger')).toEqual(['trigger.a', 'trigger.a.b', 'trigger.a.b.c']);
  });
});

describe('config forms from the params schemas', () => {
  it('gives the post node an account picker, an expression text and a media list', () => {
    const form = formFromSchema(nodeParamsJsonSchema('x.post'), { owner: 'node', type: 'x.post' });
    expect(form.kind === 'fields' && form.fields.map((field) => [field.key, field.kind, field.required])).toEqual([
      ['accountId', 'account', true],
      ['text', 'text', true],
      ['mediaIds', 'list', false],
    ]);
  });

  it('splits a schedule into its modes, with the cron editor and a zone list', () => {
    const form = formFromSchema(triggerParamsJsonSchema('schedule'), { owner: 'trigger', type: 'schedule' });
    expect(form.kind).toBe('variants');
    if (form.kind !== 'variants') return;
    expect(form.discriminator).toBe('mode');
    expect(form.variants.map((variant) => [variant.value, variant.fields.map((field) => field.kind)])).toEqual([
      ['cron', ['cron', 'timezone']],
      ['interval', ['number']],
      ['once', ['datetime']],
    ]);
  });

  it('makes if conditions bare expressions, set variables a record, and pick items a list or an expression', () => {
    const condition = formFromSchema(nodeParamsJsonSchema('if'), { owner: 'node', type: 'if' });
    expect(condition.kind === 'fields' && condition.fields[0]).toMatchObject({ kind: 'text', expression: 'bare' });
    const set = formFromSchema(nodeParamsJsonSchema('set'), { owner: 'node', type: 'set' });
    expect(set.kind === 'fields' && set.fields[0]).toMatchObject({ kind: 'record', keyPattern: '^[A-Za-z_][A-Za-z0-9_]*$' });
    const pick = formFromSchema(nodeParamsJsonSchema('pick'), { owner: 'node', type: 'pick' });
    expect(pick.kind === 'fields' && pick.fields.map((field) => field.kind)).toEqual(['list-or-expression', 'choice', 'number']);
  });
});
