export type WorkspaceRole = 'owner' | 'editor' | 'viewer';

const RANK: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, owner: 2 };

/** True when `role` grants at least what `required` grants. */
export function roleAllows(role: WorkspaceRole, required: WorkspaceRole): boolean {
  return RANK[role] >= RANK[required];
}

/** The lesser of two roles: an API token never grants more than its owner has. */
export function weakerRole(a: WorkspaceRole, b: WorkspaceRole): WorkspaceRole {
  return RANK[a] <= RANK[b] ? a : b;
}
