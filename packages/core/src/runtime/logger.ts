import { pino, type Logger } from 'pino';
import type { Config } from '@tweetflow/config';

export type { Logger } from 'pino';

/**
 * Field paths that may carry secrets. pino replaces them before a line is written, so a
 * token passed by mistake in a log object never reaches the log.
 */
const REDACTED_PATHS = [
  '*.accessToken',
  '*.refreshToken',
  '*.password',
  '*.token',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * The process logger: JSON lines in production, one readable line per event otherwise.
 *
 * @example
 * const logger = createLogger(config, 'worker');
 * logger.info({ queue: 'publish' }, 'queue ready');
 */
export function createLogger(config: Pick<Config, 'LOG_LEVEL' | 'NODE_ENV'>, name: string): Logger {
  return pino({
    name,
    level: config.LOG_LEVEL,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { service: name },
  });
}
