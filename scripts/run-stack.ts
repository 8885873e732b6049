import { existsSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, findWorkspaceRoot } from '@tweetflow/config';
import { prefixed } from './stack/log-lines';
import { startStack, type StackMode } from './stack/stack';

// `pnpm dev` and `pnpm start`: one command for the whole app; Ctrl-C stops everything.
const mode = (process.argv[2] ?? 'dev') as StackMode;
const root = findWorkspaceRoot(import.meta.dirname);
// Variables already set in the environment win over the .env file.
if (existsSync(path.join(root, '.env'))) process.loadEnvFile(path.join(root, '.env'));

try {
  const stack = await startStack(mode, root);
  console.log(`\n  TweetFlow is running at \x1b[1m${stack.url}\x1b[0m  (Ctrl-C to stop)\n`);
  let stopping = false;
  // SIGHUP too (the terminal closed): the web server runs in a session of its own and
  // would not hear it, so the stack stops it.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, async () => {
      if (stopping) return;
      stopping = true;
      console.log(prefixed('stack', 'stopping…'));
      await stack.stop();
      console.log(prefixed('stack', 'stopped'));
      process.exit(0);
    });
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : prefixed('stack', `failed to start: ${(error as Error).message}`));
  process.exit(1);
}
