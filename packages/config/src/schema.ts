import { z } from 'zod';
import { privacyLimitsEnv } from './privacy-limits-schema';

const port = z.coerce
  .number({ error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const url = (what: string) =>
  z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.url({ error: `must be a full URL (${what})` }).optional())
    .optional();

/**
 * Every environment variable TweetFlow reads, in one place. Values are parsed once at
 * start-up (see `loadConfig`), so a typo stops the process with a readable message
 * instead of surfacing as a confusing failure hours later.
 */
export const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'], {
      error: 'must be one of development, test, production',
    })
    .default('development'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  DATABASE_URL: url('e.g. postgres://user:pass@localhost:5432/tweetflow'),
  TWEETFLOW_DATA_DIR: optionalString,
  EMBEDDED_POSTGRES_PORT: port.default(54329),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: port.default(3000),
  PUBLIC_URL: url('the address people open in the browser, e.g. https://tweetflow.example.com'),
  WORKER_CONCURRENCY: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(256, 'must be at most 256')
    .default(8),
  /**
   * How much the worker gives way to the web server for CPU (Unix niceness, 0–19): a
   * webhook's caller or a person's click waits on the web server; a background run can
   * wait a few milliseconds. 0 leaves the worker's priority as it started.
   */
  WORKER_NICENESS: z.coerce
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(19, 'must be at most 19')
    .default(10),
  X_REQUEST_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(1_000, 'must be at least 1000 (X can take a few seconds)')
    .default(20_000),
  /** Hosts workflow HTTP requests may reach although they are private (comma-separated). */
  HTTP_ALLOWED_HOSTS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((host) => host.trim().toLowerCase()).filter(Boolean)),
  SHUTDOWN_TIMEOUT_MS: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int()
    .min(0)
    .default(15_000),
  WORKER_HEALTH_PORT: z.coerce
    .number({ error: "must be a port number, or 0 to disable" })
    .int()
    .min(0)
    .max(65535)
    .default(0),
  X_CLIENT_ID: optionalString,
  X_CLIENT_SECRET: optionalString,
  X_API_BASE_URL: url('the X API root, e.g. http://127.0.0.1:3100 for the sandbox'),
  X_API_TIER: z
    .enum(['pay-per-use', 'pro', 'basic', 'free'], { error: 'must be one of pay-per-use, pro, basic, free (your X developer plan)' })
    .default('pay-per-use'),
  SANDBOX_PORT: port.default(3100),
  ANALYTICS_BUDGET_SHARE: z.coerce
    .number({ error: 'must be a number between 0.05 and 1 (the share of each X rate-limit window metrics polling may use)' })
    .min(0.05, 'must be at least 0.05')
    .max(1, 'must be at most 1 (1 lets metrics polling use whole windows)')
    .default(0.5),
  COMPETITOR_DAILY_CALLS: z.coerce
    .number({ error: 'must be a whole number of X calls per workspace per day' })
    .int('must be a whole number')
    .min(0, 'must be 0 (competitor tracking off) or more')
    .max(10_000, 'must be at most 10000')
    .default(60),
  SMTP_URL: z
    .string()
    .trim()
    .transform((value) => (value === '' ? undefined : value))
    .pipe(z.string().regex(/^smtps?:\/\//, { error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587' }).optional())
    .optional(),
  EMAIL_FROM: z.string().trim().min(3).default('TweetFlow <tweetflow@localhost>'),
  METRICS_TOKEN: optionalString,
  TOKEN_ENCRYPTION_KEYS: z
    .string()
    .trim()
    .regex(/^([A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/, {
      error: 'must be a comma-separated list of keyId:base64key (32-byte keys; the first one encrypts)',
    })
    .optional(),
  ...privacyLimitsEnv,
});

export type Env = z.infer<typeof envSchema>;
