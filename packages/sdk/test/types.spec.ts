import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const PACKAGE = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join('test', 'types', 'fixtures');

/** Compiles the consumer fixtures as a project using the SDK would; answers tsc's errors in them. */
async function compileFixtures(): Promise<string[]> {
  const tsc = path.join(PACKAGE, 'node_modules', 'typescript', 'bin', 'tsc');
  const result = await promisify(execFile)(process.execPath, [tsc, '--noEmit', '--pretty', 'false', '-p', path.join(FIXTURES, 'tsconfig.json')], { cwd: PACKAGE }).catch(
    (failure: { stdout: string }) => failure,
  );
  // Only the fixtures' own errors are this test's business; the rest of the tree has `pnpm typecheck`.
  return result.stdout.split('\n').filter((line) => line.startsWith(FIXTURES));
}

describe('types for SDK users', () => {
  it('accept the right input and output shapes, and reject wrong ones where they are written', { timeout: 240_000 }, async () => {
    const errors = await compileFixtures();

    // Every `@ts-expect-error` in consumer.ts was needed, and its right shapes compile.
    expect(errors.filter((line) => line.includes('consumer.ts'))).toEqual([]);
    // The one mistake in wrong-input.ts is reported at its line, naming the bad value.
    expect(errors).toEqual([expect.stringMatching(/^test\/types\/fixtures\/wrong-input\.ts\(9,\d+\): error TS2322: Type '"nwo"' is not assignable/)]);
  });
});
