import { describe, expect, it } from 'vitest';
import { mayScrape } from './scrape-authorization';

describe('/metrics authorization', () => {
  it('is open without METRICS_TOKEN and needs the exact bearer token with one', () => {
    expect(mayScrape(null, undefined)).toBe(true);
    expect(mayScrape('Bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(mayScrape('bearer s3cret-token', 's3cret-token')).toBe(true);
    expect(mayScrape(null, 's3cret-token')).toBe(false);
    expect(mayScrape('Bearer s3cret-tokex', 's3cret-token')).toBe(false);
    expect(mayScrape('Bearer s3cret', 's3cret-token')).toBe(false);
    expect(mayScrape('Basic s3cret-token', 's3cret-token')).toBe(false);
  });
});
