import { describe, expect, it } from 'vitest';
import { expressionReferences } from './expression-references';

describe('expressionReferences', () => {
  it('lists nodes, variables and the trigger in order of first use', () => {
    expect(expressionReferences('{{ nodes.fetch.body.title }} by {{ vars.author }} ({{ $$.trigger.body.id }}) {{ nodes.pick.item & nodes.fetch.status }}')).toEqual({
      nodes: ['fetch', 'pick'],
      vars: ['author'],
      trigger: true,
    });
  });

  it('finds references inside functions, conditions, filters, lambdas and object constructors', () => {
    const template = `{{ $count(nodes.search.posts[likes > vars.threshold]) > 0 ? {"text": $map(nodes.list.items, function($i){ $i & vars.suffix })} : $.nodes.fallback }}`;
    expect(expressionReferences(template)).toEqual({ nodes: ['search', 'list', 'fallback'], vars: ['threshold', 'suffix'], trigger: false });
  });

  it('reads back-quoted names', () => {
    expect(expressionReferences('{{ vars.`daily count` }}').vars).toEqual(['daily count']);
  });

  it('does not count names inside text or string literals', () => {
    expect(expressionReferences("nodes.fetch {{ 'nodes.fetch' }}")).toEqual({ nodes: [], vars: [], trigger: false });
  });

  it('skips expressions that do not parse', () => {
    expect(expressionReferences('{{ nodes.a + }} {{ nodes.b }} {{ vars.c')).toEqual({ nodes: [], vars: [], trigger: false });
    expect(expressionReferences('{{ nodes.a + }} {{ nodes.b }}')).toEqual({ nodes: ['b'], vars: [], trigger: false });
  });
});
