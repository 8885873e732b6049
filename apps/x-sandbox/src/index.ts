import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxAdmin } from './admin';
import { realClock, type SandboxClock } from './clock';
import type { RateLimitTier } from '@tweetflow/x/limits';
import { sandboxRoutes } from './routes';
import { createRequestHandler } from './server';
import { StatePersistence } from './state/persistence';
import { deliverActivity } from './webhook-delivery';
import { SandboxWorld, type SandboxMode } from './world';

export type SandboxOptions = {
  /** 0 picks a free port (tests); default 3100. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** `dev` and `test` serve the admin API; `production-like` does not. Default `test`. */
  mode?: SandboxMode;
  /** Default: real time, advanceable through the admin API. */
  clock?: SandboxClock;
  /** Default `pay-per-use`. */
  tier?: RateLimitTier;
  /** Seeds the metrics model and fractional faults. Default 1. */
  seed?: number;
  /** Added to every X API response. Default 0. */
  latencyMs?: number;
  /** Keep state in this JSON file across restarts. Default: memory only. */
  stateFile?: string;
};

/** A running sandbox. */
export type RunningSandbox = {
  /** Base URL, e.g. `http://127.0.0.1:41234`; give it to packages/x as `apiBaseUrl`. */
  url: string;
  port: number;
  /** Direct control of users, tokens, clock, faults, tier and stats (works in every mode). */
  admin: SandboxAdmin;
  /** The state itself, for assertions the admin API does not cover. */
  world: SandboxWorld;
  clock: SandboxClock;
  /** Saves pending state and closes the server, dropping hung (timed-out) connections. */
  stop(): Promise<void>;
};

/**
 * Starts the X sandbox in this process.
 *
 * @example
 * const sandbox = await startSandbox({ port: 0 });
 * const alice = sandbox.admin.createUser({ username: 'alice' });
 * const x = createXClient({ accessToken: sandbox.admin.issueToken(alice.id).access_token, apiBaseUrl: sandbox.url });
 * await sandbox.stop();
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const clock = options.clock ?? realClock();
  const mode = options.mode ?? 'test';
  const world = new SandboxWorld(clock, options.seed ?? 1, mode, options.tier ?? 'pay-per-use', options.latencyMs ?? 0);
  const persistence = options.stateFile ? await StatePersistence.open(world, options.stateFile) : undefined;
  world.onActivity = (event) => deliverActivity(world, event);
  const admin = new SandboxAdmin(world);
  const server = http.createServer(createRequestHandler(world, sandboxRoutes(admin, mode !== 'production-like')));
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3100, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    admin,
    world,
    clock,
    stop: async () => {
      await persistence?.flush();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { SandboxAdmin, AdminRequestError, type AdminPostView, type SandboxStatsSnapshot, type NewClient, type ActAsPost } from './admin';
export { realClock, fixedClock, type SandboxClock } from './clock';
export { signWebhookPayload } from './webhook-signing';
export { RATE_LIMIT_TIERS, type RateLimitTier } from '@tweetflow/x/limits';
export type { FaultSpec } from './faults';
export type { SandboxMode } from './world';
export { DEV_CLIENT } from './state/store';
