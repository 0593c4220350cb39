// One licensing world per e2e file: the real license server on loopback (PGlite), an organization with
// KSE per-User and KRE subscriptions, the built renderer served on loopback, and Chromium.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTTP_PATHS } from '../../../shared/contracts/http/paths';
import { IssuerKeysResponse } from '../../../shared/contracts/http/issuer';
import { afterAll, beforeAll } from 'vitest';
import { seedOrg, seedSubscription, type SeededOrg } from '../../support/seed';
import { startTestServer, type TestServer } from '../../support/test-server';
import { launchChromium, type E2eBrowser } from './chromium';
import { serveDirectory, type StaticServer } from './static-server';

/** Everything a flow needs; filled in by beforeAll. */
export interface E2eWorld {
  server: TestServer;
  serverUrl: string;
  org: SeededOrg;
  site: StaticServer;
  browser: E2eBrowser;
}

const RENDERER_DIR = fileURLToPath(new URL('../../../dist/renderer/', import.meta.url));

/**
 * Writes the server's issuer keys as a trusted-issuers.json and returns its path: agents built in this
 * file trust them as if shipped with the app (the air-gapped path), so offline files verify without
 * the user ever going online.
 */
async function shipIssuerKeys(serverUrl: string): Promise<string> {
  const answer = await fetch(`${serverUrl}${HTTP_PATHS.issuerKeys}`);
  const { keys } = IssuerKeysResponse.parse(await answer.json());
  const path = join(await mkdtemp(join(tmpdir(), 'tessera-e2e-issuers-')), 'trusted-issuers.json');
  await writeFile(path, JSON.stringify({ keys: keys.map(({ kid, publicKey }) => ({ kid, publicKey })) }));
  return path;
}

/** Registers the world's setup and teardown in the calling test file. */
export function useE2eWorld(subscriptions: Parameters<typeof seedSubscription>[2][]): E2eWorld {
  const world = {} as E2eWorld;
  beforeAll(async () => {
    world.server = await startTestServer({ db: 'pglite', listen: true });
    world.serverUrl = world.server.url ?? '';
    world.org = await seedOrg(world.server.ctx);
    for (const subscription of subscriptions)
      await seedSubscription(world.server.ctx, world.org.orgId, subscription);
    process.env.TESSERA_TRUSTED_ISSUERS = await shipIssuerKeys(world.serverUrl);
    world.site = await serveDirectory(RENDERER_DIR);
    world.browser = await launchChromium();
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.site?.close();
    await world.server?.close();
  });
  return world;
}
