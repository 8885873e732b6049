import { json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** Liveness: the process is up and serving HTTP. Says nothing about dependencies. */
export const GET: RequestHandler = () => json({ ok: true });
