// Builds the renderer into dist/renderer with relative asset paths, so Electron can load
// index.html from file:// and the e2e test can serve the same files over loopback.
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { injectCspMeta } from '../src-main/electron/csp';
import { entryBudget } from '../scripts/renderer-entry-budget';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Writes the CSP meta tag from src-main/electron/csp.ts (the header's policy) into the built index.html. */
const cspMeta = (): Plugin => ({
  name: 'tessera-csp-meta',
  transformIndexHtml: { order: 'pre', handler: (html, ctx) => injectCspMeta(html, ctx.server !== undefined) },
});

export default defineConfig(({ command }) => {
  // A build is always the release build: under Vitest (NODE_ENV=test) Vite and the React plugin would
  // otherwise bundle React's development build and JSX runtime, which is not what users get.
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    root: here,
    base: './',
    plugins: [cspMeta(), react(), entryBudget()],
    build: {
      outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
      emptyOutDir: true,
      // The charts chunk is the largest (recharts, loaded on first use); the entry has its own gate above.
      chunkSizeWarningLimit: 500,
    },
  };
});
