import { json } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

/** Readiness: 200 only when the database and the job queue answer. */
export const GET: RequestHandler = async () => {
  const runtime = await getRuntime().catch(() => undefined);
  if (!runtime) return json({ ok: false, database: 'unreachable', queue: 'unreachable' }, { status: 503 });
  const readiness = await runtime.checkReadiness();
  return json(readiness, { status: readiness.ok ? 200 : 503 });
};
