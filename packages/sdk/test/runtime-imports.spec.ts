import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const SOURCES = path.resolve(import.meta.dirname, '../src');

// Loads the SDK and the CLI as Node runs them and prints every file Node resolved.
const RECORD_IMPORTS = `
import { registerHooks } from 'node:module';
const loaded = new Set();
registerHooks({ resolve(specifier, context, next) { const result = next(specifier, context); loaded.add(result.url); return result; } });
await import(${JSON.stringify(path.join(SOURCES, 'index.ts'))});
await import(${JSON.stringify(path.join(SOURCES, 'cli', 'run-cli.ts'))});
console.log(JSON.stringify([...loaded]));
`;

/** The npm package a file belongs to ("@trpc/client"), or null for a file of no package. */
function packageOf(file: string): string | null {
  return /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? null;
}

describe('what the SDK loads at run time', () => {
  it('is its own code and a few client libraries, never the server: no API, services, database or queue', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', RECORD_IMPORTS]);
    const files = (JSON.parse(stdout) as string[]).filter((url) => url.startsWith('file:')).map((url) => fileURLToPath(url));

    // Workspace packages resolve to their sources outside node_modules, so this also rules out @tweetflow/*.
    expect(files.filter((file) => !file.startsWith(SOURCES) && packageOf(file) === null)).toEqual([]);
    expect(new Set(files.map(packageOf).filter((name) => name !== null))).toEqual(
      new Set(['@trpc/client', '@trpc/server', 'superjson', 'copy-anything', 'eventsource', 'eventsource-parser', 'commander']),
    );
  });
});
