import path from 'node:path';
import type { Config } from '@tweetflow/config';

/**
 * Runs the X sandbox inside this process, its state kept in the data directory so posts
 * survive restarts of `pnpm dev`.
 */
export async function startLocalSandbox(config: Config): Promise<{ url: string; stop(): Promise<void> }> {
  const { startSandbox } = await import('@tweetflow/x-sandbox');
  return startSandbox({
    port: config.SANDBOX_PORT,
    mode: 'dev',
    stateFile: path.join(config.dataDir, 'x-sandbox.json'),
  });
}
