// Global setup of the e2e project: builds the renderer once (vite build), exactly as `npm run build:renderer`.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/renderer before any e2e file runs. Vitest sets NODE_ENV=test, which would make Vite bundle
 * React's development build; the shipped renderer is the production one (and the size gate measures it).
 */
export default async function setup(): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: fileURLToPath(new URL('../../../src-renderer/vite.config.ts', import.meta.url)),
      logLevel: 'warn',
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}
