import { describe, expect, it } from 'vitest';
import { appendHashtags, insertAtSelection, issuesByItem, moveItem } from './thread-editing';

describe('moving thread items', () => {
  it('moves up, down and clamps at the ends', () => {
    expect(moveItem(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 5, 0)).toEqual(['a', 'b', 'c']);
  });
});

describe('inserting a snippet at the cursor', () => {
  it('adds spaces only where words would run together', () => {
    expect(insertAtSelection('Hello world', 6, 6, 'big')).toEqual({ text: 'Hello big world', cursor: 10 });
    expect(insertAtSelection('Hello', 5, 5, 'there')).toEqual({ text: 'Hello there', cursor: 11 });
    expect(insertAtSelection('', 0, 0, 'Hi')).toEqual({ text: 'Hi', cursor: 2 });
  });

  it('replaces the selection', () => {
    expect(insertAtSelection('Hello cruel world', 6, 11, 'kind')).toEqual({ text: 'Hello kind world', cursor: 10 });
  });
});

describe('hashtag groups', () => {
  it('appends missing hashtags on their own line', () => {
    expect(appendHashtags('Shipping today', ['launch', '#buildinpublic'])).toBe('Shipping today\n\n#launch #buildinpublic');
    expect(appendHashtags('', ['a'])).toBe('#a');
  });

  it('skips hashtags already present, whatever their case', () => {
    expect(appendHashtags('We #Launch', ['#launch', 'ship'])).toBe('We #Launch\n\n#ship');
    expect(appendHashtags('We #launch', ['launch'])).toBe('We #launch');
  });
});

describe('server issues', () => {
  it('puts item issues on their item and keeps the rest general', () => {
    const issues = issuesByItem([
      'content.items.1.text: The post is empty.',
      'content.items.2.mediaIds: A post can carry up to 4 media.',
      'content.accountId: choose an X account',
    ]);
    expect(issues.byItem.get(1)).toEqual(['The post is empty.']);
    expect(issues.byItem.get(2)).toEqual(['Media: A post can carry up to 4 media.']);
    expect(issues.general).toEqual(['Account: choose an X account']);
  });
});
