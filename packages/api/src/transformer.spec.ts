import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serializeAnswer } from './transformer';

/** What a client decodes from an answer sent over HTTP. */
function overTheWire(serialized: unknown): unknown {
  return superjson.deserialize(JSON.parse(JSON.stringify(serialized)) as ReturnType<typeof superjson.serialize>);
}

const calendarPage = {
  posts: Array.from({ length: 3 }, (_, index) => ({
    id: `post-${index}`,
    status: 'scheduled',
    scheduledAt: new Date(Date.UTC(2026, 10, index + 1, 9)),
    publishedAt: null,
    account: { id: 'a', username: 'acme', profileImageUrl: null },
    items: [{ position: 0, text: 'Launch day', xPostId: null, media: [] }],
  })),
  nextCursor: null,
};

describe('serializeAnswer', () => {
  it('sends what superjson sends for plain data with dates', () => {
    expect(JSON.stringify(serializeAnswer(calendarPage))).toBe(JSON.stringify(superjson.serialize(calendarPage)));
    expect(overTheWire(serializeAnswer(calendarPage))).toEqual(calendarPage);
  });

  it('escapes dots and backslashes in keys as superjson does', () => {
    const answer = { 'a.b': { 'c\\d': new Date(0) }, list: [new Date(1), 'x'] };
    expect(serializeAnswer(answer).meta).toEqual(superjson.serialize(answer).meta);
    expect(overTheWire(serializeAnswer(answer))).toEqual(answer);
  });

  it('decodes undefined properties and array entries as undefined', () => {
    const answer = { note: undefined, list: [1, undefined], nested: { at: undefined } };
    const decoded = overTheWire(serializeAnswer(answer)) as typeof answer;
    expect(decoded).toStrictEqual(overTheWire(superjson.serialize(answer)));
    expect('note' in decoded).toBe(true);
  });

  it('answers bare values as superjson does', () => {
    for (const answer of [undefined, null, 7, 'text', true, new Date(5), [], {}]) {
      expect(JSON.stringify(serializeAnswer(answer))).toBe(JSON.stringify(superjson.serialize(answer)));
    }
  });

  it('leaves what only superjson can encode to superjson', () => {
    const shared = { id: 'same' };
    const answers = [
      { tags: new Set(['a']) },
      { byId: new Map([['a', 1]]) },
      { count: 10n },
      { ratio: Number.NaN },
      { at: new Date(Number.NaN) },
      { pattern: /x/ },
      { first: shared, second: shared },
      // eslint-disable-next-line no-sparse-arrays -- the hole is what this answer is about
      { sparse: [1, , 3] },
    ];
    for (const answer of answers) expect(serializeAnswer(answer)).toEqual(superjson.serialize(answer));
  });

  it('refuses prototype-polluting keys as superjson does', () => {
    const answer = JSON.parse('{"__proto__": {"admin": true}}') as unknown;
    expect(() => serializeAnswer(answer)).toThrow(/prototype pollution/);
  });
});
