import { describe, expect, it } from 'vitest';
import { conditionSource, splitTemplate, wholeExpression } from './template-parts';

describe('splitTemplate', () => {
  it('separates text and expressions, with where each expression starts', () => {
    expect(splitTemplate('Hi {{ trigger.name }}!')).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'expression', source: 'trigger.name', offset: 3 },
      { kind: 'text', text: '!' },
    ]);
  });

  it('skips braces inside strings and comments', () => {
    expect(splitTemplate('{{ "}}" /* }} */ & \'{\' }}')).toEqual([{ kind: 'expression', source: '"}}" /* }} */ & \'{\'', offset: 0 }]);
  });
});

describe('wholeExpression', () => {
  it('is the source when the field is exactly one expression', () => {
    expect(wholeExpression('  {{ vars.items }}\n')).toBe('vars.items');
  });

  it('is null for text, mixed fields and several expressions', () => {
    expect(wholeExpression('vars.items')).toBeNull();
    expect(wholeExpression('Hi {{ trigger.name }}')).toBeNull();
    expect(wholeExpression('{{ a }}{{ b }}')).toBeNull();
  });
});

describe('conditionSource', () => {
  it('takes a condition written bare or in braces', () => {
    expect(conditionSource("{{ $contains(trigger.body.text, 'launch') }}")).toBe("$contains(trigger.body.text, 'launch')");
    expect(conditionSource(' vars.count > 3 ')).toBe('vars.count > 3');
  });

  it('keeps a condition made of several expressions whole, so it fails as written', () => {
    expect(conditionSource('{{ a }} and {{ b }}')).toBe('{{ a }} and {{ b }}');
  });
});
