import { z } from 'zod';
import { RATE_LIMIT_TIERS } from '@tweetflow/x/limits';
import { startSandbox } from './index';

// Standalone entry: `pnpm --filter @tweetflow/x-sandbox start`.
const env = z
  .object({
    SANDBOX_PORT: z.coerce.number().int().min(0).max(65_535).default(3100),
    SANDBOX_HOST: z.string().default('127.0.0.1'),
    SANDBOX_MODE: z.enum(['dev', 'test', 'production-like']).default('dev'),
    SANDBOX_STATE_FILE: z.string().optional(),
    SANDBOX_TIER: z.enum(RATE_LIMIT_TIERS as ['pay-per-use', 'pro', 'basic', 'free']).default('pay-per-use'),
    SANDBOX_SEED: z.coerce.number().int().default(1),
    SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  })
  .safeParse(process.env);

if (!env.success) {
  console.error(`x-sandbox cannot start: ${env.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; ')}`);
  process.exit(1);
}

const settings = env.data;
const sandbox = await startSandbox({
  port: settings.SANDBOX_PORT,
  host: settings.SANDBOX_HOST,
  mode: settings.SANDBOX_MODE,
  tier: settings.SANDBOX_TIER,
  seed: settings.SANDBOX_SEED,
  latencyMs: settings.SANDBOX_LATENCY_MS,
  ...(settings.SANDBOX_STATE_FILE ? { stateFile: settings.SANDBOX_STATE_FILE } : {}),
});
console.log(`x-sandbox (${settings.SANDBOX_MODE}) listening on ${sandbox.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.stop().then(() => process.exit(0));
  });
}
