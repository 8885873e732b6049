import { ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { OAuth2RequestError } from 'arctic';
import { describe, expect, it } from 'vitest';
import { classifyXError, neverReachedX } from './errors';

function responseError(code: number, data: Record<string, unknown>, rateLimit?: ApiResponseError['rateLimit']) {
  return new ApiResponseError(`Request failed with code ${code}`, {
    code,
    data: data as ApiResponseError['data'],
    headers: {},
    request: {} as never,
    response: {} as never,
    ...(rateLimit ? { rateLimit } : {}),
  });
}

describe('classifyXError', () => {
  it('calls duplicate content a permanent failure with an actionable message', () => {
    const duplicate = responseError(403, {
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
    expect(classifyXError(duplicate)).toEqual({ kind: 'permanent', message: 'X rejected the post: duplicate content.' });
  });

  it('gives rate-limited errors the latest exhausted reset', () => {
    const limited = responseError(429, { title: 'Too Many Requests' }, {
      limit: 100,
      remaining: 0,
      reset: 1_800_000_000,
      day: { limit: 10_000, remaining: 5, reset: 1_800_050_000 },
    });
    const result = classifyXError(limited);
    expect(result.kind).toBe('rate_limited');
    expect(result.retryAt?.toISOString()).toBe(new Date(1_800_000_000_000).toISOString());
  });

  it('says which network error kept a request from X', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    // Built as twitter-api-v2 builds it when the request fails.
    const failed = new ApiRequestError('Request failed.', { request: {} as never, error: refused } as never);
    expect(classifyXError(failed)).toEqual({ kind: 'transient', message: 'Could not reach X (ECONNREFUSED); it will be retried.' });
    const closed = new ApiRequestError('Request failed.', { request: {} as never, error: new Error('Socket closed without any information.') } as never);
    expect(classifyXError(closed).message).toBe('Could not reach X (Socket closed without any information.); it will be retried.');

    // Refused before a connection existed: certainly not at X. Closed or reset: X may have it.
    expect(neverReachedX(failed)).toBe(true);
    expect(neverReachedX(closed)).toBe(false);
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(neverReachedX(new ApiRequestError('Request failed.', { request: {} as never, error: reset } as never))).toBe(false);
  });

  it('sorts auth, transient and permanent failures', () => {
    expect(classifyXError(responseError(401, { title: 'Unauthorized' })).kind).toBe('auth');
    expect(classifyXError(responseError(403, { title: 'Forbidden', detail: 'Forbidden', type: 'about:blank' })).kind).toBe('auth');
    expect(classifyXError(responseError(503, { title: 'Service Unavailable' })).kind).toBe('transient');
    const tooLong = classifyXError(
      responseError(400, { detail: 'One or more parameters to your request was invalid.', errors: [{ message: 'Post text is 300 weighted characters; the limit for this account is 280.' }] }),
    );
    expect(tooLong.kind).toBe('permanent');
    expect(tooLong.message).toContain('the limit for this account is 280');
    expect(classifyXError(new OAuth2RequestError('invalid_grant', null, null, null)).kind).toBe('auth');
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(classifyXError(new ApiRequestError('failed', { request: {} as never, error: reset })).kind).toBe('transient');
    expect(classifyXError(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })).kind).toBe('transient');
    expect(classifyXError(new Error('boom'))).toEqual({ kind: 'permanent', message: 'The call to X failed unexpectedly: boom' });
  });
});
