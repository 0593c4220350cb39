// Global setup of the e2e project: builds the renderer once (vite build), exactly as `npm run build:renderer`.
import { build } from 'vite';
import { fileURLToPath } from 'node:url';

/** Builds dist/renderer before any e2e file runs. */
export default async function setup(): Promise<void> {
  await build({
    configFile: fileURLToPath(new URL('../../../src-renderer/vite.config.ts', import.meta.url)),
    logLevel: 'warn',
  });
}
