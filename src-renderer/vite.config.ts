// Builds the renderer into dist/renderer with relative asset paths, so Electron can load
// index.html from file:// and the e2e test can serve the same files over loopback.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { injectCspMeta } from '../src-main/electron/csp';
import { entryBudget } from '../scripts/renderer-entry-budget';
import { releaseNodeEnv } from '../scripts/release-node-env';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Writes the CSP meta tag from src-main/electron/csp.ts (the header's policy) into the built index.html. */
const cspMeta = (): Plugin => ({
  name: 'tessera-csp-meta',
  transformIndexHtml: { order: 'pre', handler: (html, ctx) => injectCspMeta(html, ctx.server !== undefined) },
});

export default defineConfig(({ command }) => ({
  root: here,
  base: './',
  // A build is always the release build (React's production runtime), also under Vitest's NODE_ENV=test;
  // the caller's NODE_ENV comes back when the build ends (scripts/release-node-env.ts).
  plugins: [...(command === 'build' ? [releaseNodeEnv()] : []), cspMeta(), react(), entryBudget()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    // The charts chunk is the largest (recharts, loaded on first use); the entry has its own gate above.
    chunkSizeWarningLimit: 500,
  },
}));
