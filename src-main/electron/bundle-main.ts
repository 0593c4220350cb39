// The bundles `npm run build:main` writes: the Electron main process (ESM, dependencies left to
// node_modules, so keytar's native module and PGlite's wasm load from their packages) and the
// sandboxed preload (one CommonJS file, only `electron` external: a sandboxed preload loads no modules).
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RELEASE_DEFINE } from '../config/test-hooks';

/** The project root, two levels above src-main/electron/. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

// ESM output still meets CommonJS-only code paths in some dependencies; give them `require`.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

// Test-only hooks are compiled out of what ships (`typeof __TESSERA_TEST_HOOKS__ === 'undefined'` in source runs).
const SHIPPED = { __TESSERA_TEST_HOOKS__: 'false' };

/** esbuild options for the two bundles, written into `outDir` (dist/main by default). */
export const mainBuildOptions = (
  root: string,
  outDir: string,
): { main: BuildOptions; preload: BuildOptions } => ({
  main: {
    entryPoints: [join(root, 'src-main/electron/entry.ts')],
    // Split, so the embedded server (`import()`ed only when the user picks it) and its packages
    // (Fastify, PGlite, pg) are a separate chunk that users of a remote server never load.
    outdir: outDir,
    entryNames: 'main',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    packages: 'external',
    external: ['electron', 'keytar'],
    banner: { js: ESM_REQUIRE_BANNER },
    // A shipped agent has no test hooks: the define folds their guard to false and minifySyntax drops them.
    define: RELEASE_DEFINE,
    minifySyntax: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  },
  preload: {
    entryPoints: [join(root, 'src-main/electron/preload.ts')],
    outfile: join(outDir, 'preload.cjs'),
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'chrome130',
    external: ['electron'],
    define: SHIPPED,
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
  },
});

/** Builds both bundles; returns their metafiles so tests can check what stayed external. */
export const buildMain = async (
  root: string = ROOT,
  outDir: string = join(root, 'dist', 'main'),
): Promise<{ main: Metafile; preload: Metafile }> => {
  const options = mainBuildOptions(root, outDir);
  const [main, preload] = await Promise.all([build(options.main), build(options.preload)]);
  if (!main.metafile || !preload.metafile) throw new Error('esbuild returned no metafile.');
  return { main: main.metafile, preload: preload.metafile };
};
