import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError } from './config-error';
import { envSchema, type Env } from './schema';

export { ConfigError } from './config-error';
export { envSchema, type Env } from './schema';

/** Parsed configuration plus values derived from it. */
export type Config = Env & {
  /** Where TweetFlow keeps local state (embedded Postgres, dev keys): absolute path. */
  dataDir: string;
  /** The URL people reach the web app at. */
  publicUrl: string;
  /** True when X credentials are configured, so the real X is used instead of the sandbox. */
  usesRealX: boolean;
  /** OAuth client credentials: yours for X, or the sandbox's built-in development client. */
  xClient: { id: string; secret: string };
  isProduction: boolean;
};

/**
 * Parses an environment into a `Config`, or throws a `ConfigError` that names every
 * wrong variable and what it expects.
 *
 * @example
 * const config = parseConfig({ PORT: '8080' });
 * config.PORT; // 8080
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
): Config {
  const result = envSchema.safeParse(env);
  if (!result.success) throw ConfigError.fromZod(result.error, env);
  const parsed = result.data;

  const problems: string[] = [];
  if (Boolean(parsed.X_CLIENT_ID) !== Boolean(parsed.X_CLIENT_SECRET)) {
    problems.push('X_CLIENT_ID and X_CLIENT_SECRET must be set together (or both left unset to use the X sandbox).');
  }
  if (parsed.NODE_ENV === 'production' && !parsed.TOKEN_ENCRYPTION_KEYS) {
    problems.push(
      'TOKEN_ENCRYPTION_KEYS must be set in production (e.g. "k1:" followed by `openssl rand -base64 32`): X tokens are encrypted with it.',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = path.resolve(findWorkspaceRoot(cwd), parsed.TWEETFLOW_DATA_DIR ?? '.tweetflow');
  return {
    ...parsed,
    dataDir,
    publicUrl: parsed.PUBLIC_URL ?? `http://localhost:${parsed.PORT}`,
    usesRealX: Boolean(parsed.X_CLIENT_ID) && !parsed.X_API_BASE_URL,
    xClient: { id: parsed.X_CLIENT_ID ?? SANDBOX_CLIENT.id, secret: parsed.X_CLIENT_SECRET ?? SANDBOX_CLIENT.secret },
    isProduction: parsed.NODE_ENV === 'production',
  };
}

/** The development OAuth client every X sandbox accepts. */
export const SANDBOX_CLIENT = { id: 'tweetflow-dev', secret: 'tweetflow-dev-secret' } as const;

let cached: Config | undefined;

/** The process's configuration, parsed from `process.env` on first use. */
export function loadConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** The monorepo root (the folder holding pnpm-workspace.yaml), or `from` when there is none. */
export function findWorkspaceRoot(from: string): string {
  let dir = path.resolve(from);
  for (;;) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}
