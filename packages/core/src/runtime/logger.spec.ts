import { describe, expect, it } from 'vitest';
import { serializeError } from './logger';

describe('how errors are logged', () => {
  it("keeps an Error's type, message, code, stack and cause", () => {
    const error = Object.assign(new Error('relation "posts" does not exist', { cause: new TypeError('bad input') }), { code: '42P01', client: { password: 'secret' } });
    const logged = serializeError(error);
    expect(logged).toMatchObject({ type: 'Error', message: 'relation "posts" does not exist', code: '42P01', cause: { type: 'TypeError', message: 'bad input' } });
    expect(JSON.stringify(logged)).not.toContain('secret');
  });

  it("reads a plain copy of an error (how pg-boss reports a worker's failure) by its fields, and nothing else of it", () => {
    const failure = new Error('Connection terminated unexpectedly');
    const reported = { ...failure, message: failure.message, stack: failure.stack, queue: 'publish-post', worker: 'w1', connection: { password: 'secret' } };
    const logged = serializeError(reported);
    expect(logged).toEqual({ message: 'Connection terminated unexpectedly', queue: 'publish-post', stack: failure.stack });
    expect(JSON.stringify(logged)).not.toContain('secret');
  });

  it('says what was thrown when it is neither an Error nor shaped like one', () => {
    expect(serializeError('timeout')).toEqual({ message: 'timeout' });
    expect(serializeError({ status: 500 })).toEqual({ message: 'Object thrown instead of an Error' });
  });
});
