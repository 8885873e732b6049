export type Role = 'owner' | 'editor' | 'viewer';

export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

const RANK: Record<Role, number> = { viewer: 0, editor: 1, owner: 2 };

/** Mirrors the API's rule, only to hide controls a role cannot use; the API still decides. */
export function roleAllows(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including members, billing and deleting the workspace',
  editor: 'Connect accounts, write, schedule and automate',
  viewer: 'Read-only: see posts, schedules and analytics',
};
