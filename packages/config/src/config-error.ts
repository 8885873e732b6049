import type { z } from 'zod';

/** Thrown when the environment does not describe a runnable TweetFlow. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly problems: string[]) {
    super(
      `TweetFlow cannot start: the configuration is invalid.\n${problems
        .map((problem) => `  - ${problem}`)
        .join('\n')}\nSee the Configuration table in README.md.`,
    );
  }

  static fromZod(error: z.ZodError, env: Record<string, string | undefined>): ConfigError {
    return new ConfigError(
      error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '(unknown)');
        const got = env[variable];
        const shown = got === undefined ? 'it is not set' : `got "${redact(variable, got)}"`;
        return `${variable} ${issue.message} (${shown}).`;
      }),
    );
  }
}

const SECRET_NAME = /(SECRET|KEY|TOKEN|PASSWORD)/;

/**
 * What an error message may show of a value: secrets never, and URLs without their
 * password (a DATABASE_URL or SMTP_URL carries one), since start-up errors end up in logs.
 *
 * @example
 * redact('DATABASE_URL', 'postgres://app:hunter2@db/app'); // 'postgres://app:***@db/app'
 */
export function redact(variable: string, value: string): string {
  if (SECRET_NAME.test(variable)) return `*** (${value.length} characters)`;
  if (!variable.endsWith('URL')) return value;
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    // Not a URL at all: it may still hold a password, so show only its shape.
    return value.includes('@') ? `*** (${value.length} characters)` : value;
  }
}
