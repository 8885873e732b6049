/**
 * Where to go after signing in: only same-site paths, so a crafted `?next=` link cannot
 * send people to another site.
 */
export function safeNextPath(next: string | null | undefined, fallback = '/app'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
  return next;
}
