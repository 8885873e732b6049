import { eq } from 'drizzle-orm';
import { users, workspaceMembers, workspaces, type Database, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';
import type { Clock } from '../runtime/clock';
import { decoyPasswordHash, hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords';
import { assertSignInAllowed, clearSignInFailures, recordSignInFailure } from './sign-in-throttle';

export type NewUser = { email: string; password: string; displayName: string; timezone: string };

const INVALID_CREDENTIALS = 'That email and password do not match an account. Check both and try again.';

/**
 * Creates a user with a personal workspace they own.
 *
 * @example
 * const user = await signUp(db, { email: 'ada@example.com', password: '…', displayName: 'Ada', timezone: 'Europe/Berlin' });
 */
export async function signUp(db: Database, input: NewUser): Promise<{ id: string; workspaceId: string }> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new DomainError('bad_request', `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({ email, passwordHash, displayName: input.displayName.trim(), timezone: input.timezone })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) {
      // Saying "taken" here is unavoidable for sign-up; sign-in never reveals it.
      throw new DomainError('conflict', 'An account with this email already exists. Sign in instead.');
    }
    const workspaceId = await createPersonalWorkspace(tx, user.id, input.displayName, input.timezone);
    return { id: user.id, workspaceId };
  });
}

/**
 * The user for an email and password. Failures are throttled per email and per client
 * address, and say the same thing whether or not the email exists.
 */
export async function signInWithPassword(
  db: Database,
  clock: Clock,
  input: { email: string; password: string; clientAddress: string },
): Promise<{ id: string }> {
  const email = normalizeEmail(input.email);
  const keys = [`email:${email}`, `ip:${input.clientAddress}`];
  await assertSignInAllowed(db, clock, keys);

  const [user] = await db.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.email, email));
  const valid = await verifyPassword(user?.passwordHash ?? (await decoyPasswordHash()), input.password);
  if (!user || !user.passwordHash || !valid) {
    await recordSignInFailure(db, clock, keys);
    throw new DomainError('unauthenticated', INVALID_CREDENTIALS);
  }
  await clearSignInFailures(db, `email:${email}`);
  return { id: user.id };
}

/**
 * The user linked to an X account, created (with a personal workspace) on first sign-in.
 */
export async function findOrCreateUserForX(
  db: Database,
  profile: { xUserId: string; displayName: string; timezone: string },
): Promise<{ id: string; workspaceId: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: users.id, workspaceId: workspaces.id })
      .from(users)
      .leftJoin(workspaces, eq(workspaces.personalOfUserId, users.id))
      .where(eq(users.xUserId, profile.xUserId));
    if (existing?.workspaceId) return { id: existing.id, workspaceId: existing.workspaceId, created: false };

    const [user] = await tx
      .insert(users)
      .values({ xUserId: profile.xUserId, displayName: profile.displayName, timezone: profile.timezone })
      .returning({ id: users.id });
    const workspaceId = await createPersonalWorkspace(tx, user!.id, profile.displayName, profile.timezone);
    return { id: user!.id, workspaceId, created: true };
  });
}

async function createPersonalWorkspace(tx: Executor, userId: string, displayName: string, timezone: string) {
  const [workspace] = await tx
    .insert(workspaces)
    .values({ name: `${displayName.trim() || 'My'}'s workspace`, timezone, personalOfUserId: userId })
    .returning({ id: workspaces.id });
  await tx.insert(workspaceMembers).values({ workspaceId: workspace!.id, userId, role: 'owner' });
  await tx.update(users).set({ currentWorkspaceId: workspace!.id }).where(eq(users.id, userId));
  return workspace!.id;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
