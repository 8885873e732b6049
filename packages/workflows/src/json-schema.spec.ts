import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { NODE_TYPES } from './definition';
import { nodeParamsJsonSchema, triggerParamsJsonSchema, workflowDefinitionJsonSchema } from './json-schema';
import { launchWorkflowInput } from './test-data';

const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: false });

describe('workflowDefinitionJsonSchema', () => {
  const validate = ajv.compile(workflowDefinitionJsonSchema);

  it('accepts a definition as a person writes it, defaults left out', () => {
    expect(validate(launchWorkflowInput())).toBe(true);
  });

  it('refuses an unknown node type and a missing parameter', () => {
    const input = launchWorkflowInput();
    expect(validate({ ...input, nodes: [...input.nodes, { id: 'x', type: 'x.tweet', params: {} }] })).toBe(false);
    expect(validate({ ...input, nodes: [{ id: 'post', type: 'x.post', params: { text: 'no account' } }] })).toBe(false);
  });
});

describe('nodeParamsJsonSchema', () => {
  it('gives each node type a schema a form can be generated from', () => {
    for (const type of NODE_TYPES) expect(() => ajv.compile(nodeParamsJsonSchema(type))).not.toThrow();
  });

  it('describes required and optional fields', () => {
    const validate = ajv.compile(nodeParamsJsonSchema('pick'));
    expect(validate({ items: '{{ nodes.fetch.body.ideas }}', strategy: 'least_recently_used' })).toBe(true);
    expect(validate({ items: ['a'], strategy: 'newest' })).toBe(false);
  });
});

describe('triggerParamsJsonSchema', () => {
  it('describes a trigger’s params', () => {
    const validate = ajv.compile(triggerParamsJsonSchema('x.search'));
    expect(validate({ accountId: 'acc_1', query: 'tweetflow -is:retweet' })).toBe(true);
    expect(validate({ accountId: 'acc_1' })).toBe(false);
  });
});
