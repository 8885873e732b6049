import { describe, expect, it } from 'vitest';
import { findAccount, parseLocalDateTime, parseThreadFile } from '../../src/cli/post-input.ts';

describe('reading what people type for a post', () => {
  it('splits a thread file on lines holding only ---, whatever the line endings, keeping paragraphs inside a post', () => {
    expect(parseThreadFile('First post\r\n---\r\n\r\nSecond post\r\n\r\nstill second\r\n---   \r\nThird\r\n')).toEqual(['First post', 'Second post\n\nstill second', 'Third']);
    expect(parseThreadFile('A line with --- inside stays one post')).toEqual(['A line with --- inside stays one post']);
  });

  it('refuses a thread file with an empty post, saying where to write', () => {
    expect(() => parseThreadFile('One\n---\n\n---\nThree')).toThrow('The thread file has an empty post');
  });

  it('reads a wall-clock time with a space or a T, padding the hour', () => {
    expect(parseLocalDateTime('2026-12-01 9:05')).toBe('2026-12-01T09:05');
    expect(parseLocalDateTime('2026-12-01T09:05:30')).toBe('2026-12-01T09:05:30');
    expect(() => parseLocalDateTime('tomorrow 9am')).toThrow('--at "tomorrow 9am" is not a date and time like "2026-12-01 09:00".');
  });

  it('finds an account by @username in any case, by username or by id, and names the connected ones when it cannot', () => {
    const accounts = [
      { id: 'a1', username: 'AcmeNews' },
      { id: 'a2', username: 'acme_support' },
    ];
    expect(findAccount(accounts, '@acmenews').id).toBe('a1');
    expect(findAccount(accounts, 'acme_support').id).toBe('a2');
    expect(findAccount(accounts, 'a2').username).toBe('acme_support');
    expect(() => findAccount(accounts, '@acme')).toThrow('No X account @acme is connected to this workspace (connected: @AcmeNews, @acme_support).');
  });
});
