import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';

// `pnpm --filter @tweetflow/worker build`: the worker as production runs it, one ES module
// at dist/main.js. The workspace packages (TypeScript sources) are bundled in; everything
// from the registry stays an import that Node resolves from apps/worker/node_modules, so
// the process loads compiled JavaScript only, with no transform or source maps in memory.
const workerDir = import.meta.dirname;
const outfile = path.join(workerDir, 'dist', 'main.js');

/**
 * Registry packages bundled all the same. drizzle-orm's modules re-export each other in
 * cycles (`export *`), which Node's ES module linker resolves at great cost: importing
 * drizzle-orm/pg-core took 5 s and left ≈ 110 MB resident after a 150 MB peak of heap, where
 * the same code bundled loads in well under a second in a few MB.
 */
const BUNDLED_PACKAGES = ['drizzle-orm'];

/**
 * Leaves registry packages and Node built-ins as imports. pnpm only links a package's own
 * dependencies into its node_modules, so a dependency of a bundled workspace package must be
 * the worker's too, or `node dist/main.js` could not resolve it: the build lists what is missing.
 */
function externalRegistryPackages(missing: Set<string>): Plugin {
  return {
    name: 'external-registry-packages',
    setup(context) {
      context.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.path.startsWith('@tweetflow/') || BUNDLED_PACKAGES.some((name) => args.path === name || args.path.startsWith(`${name}/`))) return undefined;
        if (args.path.startsWith('node:') || builtinModules.includes(args.path)) return { external: true };
        const name = args.path.split('/').slice(0, args.path.startsWith('@') ? 2 : 1).join('/');
        if (!existsSync(path.join(workerDir, 'node_modules', name))) missing.add(name);
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * `import.meta.dirname` in a bundled workspace file would name dist/, not the file's own
 * folder (the db package finds its SQL migrations beside its source this way), so it is
 * rewritten to the source folder, relative to the bundle.
 */
const sourceDirname: Plugin = {
  name: 'source-dirname',
  setup(context) {
    context.onLoad({ filter: /\.ts$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      if (!source.includes('import.meta.dirname')) return undefined;
      const relative = path.relative(path.dirname(outfile), path.dirname(args.path));
      return { contents: source.replaceAll('import.meta.dirname', `(import.meta.dirname + ${JSON.stringify(`/${relative}`)})`), loader: 'ts' };
    });
  },
};

const missing = new Set<string>();
const result = await build({
  entryPoints: [path.join(workerDir, 'src', 'main.ts')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22.17',
  write: false,
  outfile,
  plugins: [externalRegistryPackages(missing), sourceDirname],
  logLevel: 'warning',
});
if (missing.size > 0) {
  console.error(`The worker bundles the workspace packages, so their dependencies must be its own: add ${[...missing].sort().join(', ')} to apps/worker/package.json.`);
  process.exit(1);
}
// Written aside and renamed, so a worker starting meanwhile never reads half a file.
mkdirSync(path.dirname(outfile), { recursive: true });
const [bundle] = result.outputFiles;
writeFileSync(`${outfile}.tmp`, bundle!.contents);
renameSync(`${outfile}.tmp`, outfile);
