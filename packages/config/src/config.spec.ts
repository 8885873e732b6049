import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './index';

describe('parseConfig', () => {
  it('fills defaults for an empty environment', () => {
    const config = parseConfig({}, '/tmp');
    expect(config.PORT).toBe(3000);
    expect(config.NODE_ENV).toBe('development');
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.usesRealX).toBe(false);
    expect(config.WORKER_NICENESS).toBe(10);
  });

  it('names each wrong variable, what it expects and what it got', () => {
    let error: unknown;
    try {
      parseConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud', WORKER_NICENESS: '-5' }, '/tmp');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as ConfigError).message;
    expect(message).toContain('PORT must be a port number (got "eighty")');
    expect(message).toContain('DATABASE_URL must be a full URL');
    expect(message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
    expect(message).toContain('WORKER_NICENESS must be at least 0 (got "-5")');
    expect((error as ConfigError).problems).toHaveLength(4);
    expect(message).not.toMatch(/at .*\.ts:\d+/);
  });

  it('never repeats a password or key from the environment in its errors', () => {
    let message = '';
    try {
      parseConfig({ DATABASE_URL: 'postgres://app:hunter2@db host/app', SMTP_URL: 'mail://relay:s3cret@example.com', TOKEN_ENCRYPTION_KEYS: 'k1:short' }, '/tmp');
    } catch (caught) {
      message = (caught as ConfigError).message;
    }
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('s3cret');
    expect(message).not.toContain('k1:short');
    expect(message).toContain('TOKEN_ENCRYPTION_KEYS');
    expect(message).toContain('SMTP_URL');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('mail://relay:***@example.com');
  });

  it('refuses half-configured X credentials', () => {
    expect(() => parseConfig({ X_CLIENT_ID: 'abc' }, '/tmp')).toThrow(
      'X_CLIENT_ID and X_CLIENT_SECRET must be set together',
    );
  });

  it('uses the real X only when credentials are set and no base URL overrides it', () => {
    expect(parseConfig({ X_CLIENT_ID: 'a', X_CLIENT_SECRET: 'b' }, '/tmp').usesRealX).toBe(true);
    expect(
      parseConfig({ X_CLIENT_ID: 'a', X_CLIENT_SECRET: 'b', X_API_BASE_URL: 'http://127.0.0.1:3100' }, '/tmp')
        .usesRealX,
    ).toBe(false);
  });

  it('requires token encryption keys in production and checks their shape', () => {
    expect(() => parseConfig({ NODE_ENV: 'production' }, '/tmp')).toThrow('TOKEN_ENCRYPTION_KEYS must be set in production');
    expect(() => parseConfig({ TOKEN_ENCRYPTION_KEYS: 'k1:short' }, '/tmp')).toThrow(
      'TOKEN_ENCRYPTION_KEYS must be a comma-separated list of keyId:base64key',
    );
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(parseConfig({ NODE_ENV: 'production', TOKEN_ENCRYPTION_KEYS: `k2:${key},k1:${key}` }, '/tmp').isProduction).toBe(true);
  });

  it('resolves the data directory against the workspace root', () => {
    const config = parseConfig({ TWEETFLOW_DATA_DIR: 'state' }, import.meta.dirname);
    expect(config.dataDir).toMatch(/[/\\]state$/);
    expect(config.dataDir).not.toContain('packages');
  });
});
