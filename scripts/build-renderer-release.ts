// The renderer as it ships, built from tests and benches alike (one definition of "the release build").
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Builds dist/renderer (or `outDir`, so a bench never empties the folder e2e tests are serving) exactly as `npm run build:renderer` does. The Vite config makes every build the
 * production one, also under Vitest's NODE_ENV=test, so the size gate and the first-render bench measure
 * what users get.
 */
export async function buildRendererRelease(outDir?: string): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../src-renderer/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
    ...(outDir === undefined ? {} : { build: { outDir, emptyOutDir: true } }),
  });
}
