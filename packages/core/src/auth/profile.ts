import { eq } from 'drizzle-orm';
import { users, type Executor } from '@tweetflow/db';
import { DomainError } from '../errors';

/** The signed-in person and the workspace and X account they last had selected. */
export async function getProfile(db: Executor, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      timezone: users.timezone,
      currentWorkspaceId: users.currentWorkspaceId,
      currentXAccountId: users.currentXAccountId,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!user) throw new DomainError('not_found', 'This account no longer exists.');
  return user;
}

export async function updateProfile(db: Executor, userId: string, input: { displayName: string; timezone: string }) {
  await db.update(users).set({ displayName: input.displayName.trim(), timezone: input.timezone }).where(eq(users.id, userId));
}
