import { z } from 'zod';

/** An IANA zone the runtime knows, e.g. "Europe/Berlin". */
export const timezoneInput = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Europe/Berlin');

export const roleInput = z.enum(['owner', 'editor', 'viewer'], { error: 'must be owner, editor or viewer' });

export const nameInput = (what: string) =>
  z.string().trim().min(1, `${what} cannot be empty`).max(80, `${what} must be at most 80 characters`);
