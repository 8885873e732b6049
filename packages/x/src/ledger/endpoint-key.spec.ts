import { describe, expect, it } from 'vitest';
import { endpointKey } from './endpoint-key';

describe('endpointKey', () => {
  it('keeps method and path, drops host and query', () => {
    expect(endpointKey('POST', 'https://api.x.com/2/tweets')).toBe('POST /2/tweets');
    expect(endpointKey('get', 'https://api.x.com/2/users/me?user.fields=profile_image_url')).toBe('GET /2/users/me');
    expect(endpointKey('GET', 'http://127.0.0.1:3100/2/tweets/')).toBe('GET /2/tweets');
  });

  it('replaces ids and route parameters with :id, so one window covers every object', () => {
    expect(endpointKey('DELETE', 'https://api.x.com/2/tweets/1893002211')).toBe('DELETE /2/tweets/:id');
    expect(endpointKey('POST', 'https://api.x.com/2/users/42/likes')).toBe('POST /2/users/:id/likes');
    expect(endpointKey('GET', 'https://api.x.com/2/users/:id/tweets')).toBe('GET /2/users/:id/tweets');
    expect(endpointKey('POST', 'https://api.x.com/2/media/upload/7701/append')).toBe('POST /2/media/upload/:id/append');
  });

  it('keeps named lookups apart from id lookups', () => {
    expect(endpointKey('GET', 'https://api.x.com/2/users/by/username/ada')).toBe('GET /2/users/by/username/ada');
  });
});
