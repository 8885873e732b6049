import type { SandboxWorld } from '../world';
import type { SandboxUser } from './types';

export type NewUser = {
  username: string;
  name?: string;
  description?: string;
  premium?: boolean;
  verified?: boolean;
};

const USERNAME = /^[A-Za-z0-9_]{1,15}$/;

/** Thrown for a username X would not accept or that is taken. */
export class UserRejectedError extends Error {}

/**
 * Creates a sandbox account (X's username rules: 1–15 letters, digits or underscores, unique
 * regardless of case).
 *
 * @example
 * const alice = createUser(world, { username: 'alice', premium: true });
 */
export function createUser(world: SandboxWorld, input: NewUser): SandboxUser {
  if (!USERNAME.test(input.username)) {
    throw new UserRejectedError(`"${input.username}" is not a valid X username (1–15 letters, digits or _).`);
  }
  if (world.store.userByUsername(input.username)) {
    throw new UserRejectedError(`The username "${input.username}" is already taken.`);
  }
  const user: SandboxUser = {
    id: world.ids.next(),
    username: input.username,
    name: input.name ?? input.username,
    description: input.description ?? '',
    createdAt: world.now(),
    premium: input.premium ?? false,
    verified: input.verified ?? input.premium ?? false,
    followerIds: new Set(),
    followingIds: new Set(),
  };
  world.store.addUser(user);
  world.onChange();
  return user;
}

/**
 * The user a reference names: an id, or a username with or without `@`.
 *
 * @example
 * findUser(world, '@alice');
 */
export function findUser(world: SandboxWorld, reference: string): SandboxUser | undefined {
  return world.store.users.get(reference) ?? world.store.userByUsername(reference.replace(/^@/, ''));
}
