import { countPostText } from '@tweetflow/x/rules';
import { describe, expect, it } from 'vitest';
import { hashtags, truncateForX } from './text-functions';

describe('truncateForX', () => {
  it('keeps text that fits', () => {
    expect(truncateForX('Shipping today 🚀')).toBe('Shipping today 🚀');
  });

  it('cuts to the weighted limit X uses, with an ellipsis', () => {
    const cut = truncateForX('a'.repeat(300));
    expect(countPostText(cut).weightedLength).toBeLessThanOrEqual(280);
    expect(cut).toBe(`${'a'.repeat(278)}…`);
  });

  it('counts CJK and emoji as two and never splits an emoji', () => {
    const cut = truncateForX('👩‍👩‍👧'.repeat(200), 20);
    expect(countPostText(cut, 20).weightedLength).toBeLessThanOrEqual(20);
    expect(cut.replace('…', '')).toMatch(/^(👩‍👩‍👧)+$/u);
    expect(countPostText(truncateForX('漢字'.repeat(200)), 280).weightedLength).toBeLessThanOrEqual(280);
  });

  it('ends at a word boundary when one is near the cut', () => {
    expect(truncateForX('The quick brown fox jumps over the lazy dog', 30)).toBe('The quick brown fox jumps…');
  });

  it('counts a link as 23 whatever its length', () => {
    const text = `Read https://example.com/${'x'.repeat(200)} now, it is good`;
    expect(truncateForX(text)).toBe(text);
  });

  it('refuses a limit that is not a positive whole number', () => {
    expect(() => truncateForX('text', 0)).toThrow('truncateForX needs a positive whole limit; got 0.');
  });
});

describe('hashtags', () => {
  it('normalises a list, one tag per entry', () => {
    expect(hashtags(['Build in public', '#ts', 'TS', 'open-source', '2025', ''])).toBe('#Buildinpublic #ts #opensource');
  });

  it('splits a string on spaces and commas', () => {
    expect(hashtags('ai, ml #dev ##dev')).toBe('#ai #ml #dev');
  });
});
