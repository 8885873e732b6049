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
        const shown = got === undefined ? 'it is not set' : `got "${got}"`;
        return `${variable} ${issue.message} (${shown}).`;
      }),
    );
  }
}
