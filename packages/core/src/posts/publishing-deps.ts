import type { PgBoss } from 'pg-boss';
import type { Clock } from '../runtime/clock';
import type { Logger } from '../runtime/logger';

/** What the post services need besides the database: the job queue, the time and a logger. */
export type PublishingDeps = { boss: PgBoss; clock: Clock; logger: Logger };
