import { z } from 'zod';

/** A local calendar day, as the date pickers send it. */
export const localDayInput = z.iso.date({ error: 'must be a date like 2026-03-01' });

/** A range of local days in the workspace's timezone, optionally for some accounts only. */
export const analyticsRangeInput = z.object({
  from: localDayInput,
  to: localDayInput,
  accountIds: z.array(z.uuid({ error: 'must be X account ids' })).max(100).optional(),
});
