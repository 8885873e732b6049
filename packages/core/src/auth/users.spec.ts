import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@tweetflow/db/testing';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';
import { createSession, invalidateAllSessions, SESSION_LIFETIME_MS, validateSessionToken } from './sessions';
import { signInWithPassword, signUp } from './users';

describe('sign-up, sign-in and sessions', () => {
  let database: TestDatabase;
  let nowMs = Date.parse('2026-11-26T10:00:00Z');
  const clock: Clock = { now: () => new Date(nowMs) };

  beforeAll(async () => {
    database = await createTestDatabase();
    await signUp(database.db, { email: 'Ada@Example.com', password: 'correct horse battery', displayName: 'Ada', timezone: 'UTC' });
  });
  afterAll(() => database.close());

  const attempt = (email: string, password: string, clientAddress = '10.0.0.1') =>
    signInWithPassword(database.db, clock, { email, password, clientAddress }).then(
      () => 'ok',
      (error: unknown) => (error instanceof DomainError ? `${error.kind}: ${error.message}` : `unexpected: ${String(error)}`),
    );

  it('signs in case-insensitively and refuses a second account for the same email', async () => {
    expect(await attempt('ada@example.com', 'correct horse battery')).toBe('ok');
    await expect(
      signUp(database.db, { email: 'ADA@example.com', password: 'another password', displayName: 'Ada 2', timezone: 'UTC' }),
    ).rejects.toThrow('An account with this email already exists');
  });

  it('says the same thing for a wrong password and an unknown email', async () => {
    const wrongPassword = await attempt('ada@example.com', 'nope nope nope', '10.0.0.2');
    const unknownEmail = await attempt('nobody@example.com', 'nope nope nope', '10.0.0.3');
    expect(wrongPassword).toMatch(/^unauthenticated: /);
    expect(unknownEmail).toBe(wrongPassword);
  });

  it('locks an email after five failures for fifteen minutes, then lets it try again', async () => {
    for (let i = 0; i < 5; i++) await attempt('locked@example.com', 'wrong password', `10.1.0.${i}`);
    expect(await attempt('locked@example.com', 'wrong password', '10.1.1.1')).toMatch(
      /^too_many_requests: Too many sign-in attempts. Try again in 15 minutes./,
    );
    nowMs += 16 * 60_000;
    expect(await attempt('locked@example.com', 'wrong password', '10.1.1.2')).toMatch(/^unauthenticated/);
  });

  it('keeps sessions alive while used (sliding expiry) and ends them everywhere on request', async () => {
    const [user] = await database.db.query.users.findMany({ where: (users, { eq }) => eq(users.email, 'ada@example.com') });
    const first = await createSession(database.db, clock, user!.id);
    const second = await createSession(database.db, clock, user!.id);

    nowMs += SESSION_LIFETIME_MS - 60_000;
    const renewed = await validateSessionToken(database.db, clock, first.token);
    expect(renewed?.renewed).toBe(true);
    expect(renewed!.expiresAt.getTime()).toBe(nowMs + SESSION_LIFETIME_MS);

    nowMs += 2 * 60_000;
    expect(await validateSessionToken(database.db, clock, second.token)).toBeNull();
    expect(await validateSessionToken(database.db, clock, first.token)).not.toBeNull();

    expect(await invalidateAllSessions(database.db, user!.id)).toBe(1);
    expect(await validateSessionToken(database.db, clock, first.token)).toBeNull();
  });
});
