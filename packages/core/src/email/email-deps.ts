import type { PgBoss } from 'pg-boss';
import type { Config } from '@tweetflow/config';
import type { Clock } from '../runtime/clock';

/** Where email goes: an SMTP server (`smtpUrl`), or only the outbox table when there is none. */
export type EmailDeps = { boss: PgBoss; clock: Clock; smtpUrl: string | undefined; from: string };

/**
 * Email settings from the process configuration.
 *
 * @example
 * const email = emailDeps(runtime.config, runtime.boss, runtime.clock);
 */
export function emailDeps(config: Pick<Config, 'SMTP_URL' | 'EMAIL_FROM'>, boss: PgBoss, clock: Clock): EmailDeps {
  return { boss, clock, smtpUrl: config.SMTP_URL, from: config.EMAIL_FROM };
}
