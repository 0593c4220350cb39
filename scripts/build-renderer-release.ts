// The renderer as it ships, built from tests and benches alike (one definition of "the release build").
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

/**
 * Builds dist/renderer with Vite in production mode whatever NODE_ENV the caller runs under: Vitest sets
 * NODE_ENV=test, which would bundle React's development build (the size gate and the first-render bench
 * measure what users get, not that).
 */
export async function buildRendererRelease(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../src-renderer/vite.config.ts', import.meta.url)),
      logLevel: 'warn',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
