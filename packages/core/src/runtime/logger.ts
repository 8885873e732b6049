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
    serializers: { err: serializeError },
  });
}

/**
 * Only the parts of an error worth reading. pino's default serializer copies every
 * enumerable property, which for driver errors includes the whole connection object.
 * pg-boss reports a worker's failure as a plain copy of the error (`{ ...error, message,
 * stack, queue }`): its fields are read the same way, never the rest of the object.
 *
 * @example
 * serializeError({ message: 'Connection terminated', queue: 'publish-post' }); // { message: 'Connection terminated', queue: 'publish-post' }
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return typeof error === 'object' && error !== null ? errorLikeFields(error) : { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    type: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    stack: error.stack,
    ...(error.cause === undefined ? {} : { cause: serializeError(error.cause) }),
  };
}

const ERROR_LIKE_FIELDS = ['name', 'message', 'code', 'queue', 'stack'] as const;

function errorLikeFields(error: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const field of ERROR_LIKE_FIELDS) {
    const value = (error as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') fields[field === 'name' ? 'type' : field] = value;
  }
  if (fields.message === undefined) fields.message = `${error.constructor?.name ?? 'Object'} thrown instead of an Error`;
  return fields;
}
