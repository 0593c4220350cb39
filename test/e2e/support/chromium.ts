// Launches Debian's Chromium through playwright-core with a fresh profile, the way the e2e brief asks.
import { chromium, type BrowserContext } from 'playwright-core';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A browser context plus the cleanup of its throwaway profile directory. */
export interface E2eBrowser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** Starts headless Chromium without background network, sync or component updates. */
export async function launchChromium(colorScheme: 'light' | 'dark' = 'light'): Promise<E2eBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'tessera-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    colorScheme,
    viewport: { width: 1280, height: 860 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
