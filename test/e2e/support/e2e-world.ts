// One licensing world per e2e file: the real license server on loopback (PGlite), an organization with
// KSE per-User and KRE subscriptions, the built renderer served on loopback, and Chromium.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findRoot, trustRootsDocument } from '../../../src-server/keys/root-key';
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
 * Writes the server's public root as a trust roots document and returns its path: agents built in this
 * file are a test build shipping that root (TESSERA_TEST_TRUST_ROOTS), as a vendor build ships it in
 * resources/trust-roots.json, so offline files verify without the user ever going online.
 */
async function shipServerRoot(server: TestServer): Promise<string> {
  const root = await findRoot(server.ctx.db);
  if (root === undefined) throw new Error('The e2e server has no root key.');
  const path = join(await mkdtemp(join(tmpdir(), 'tessera-e2e-roots-')), 'trust-roots.json');
  await writeFile(path, JSON.stringify(trustRootsDocument(root)));
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
    process.env.TESSERA_TEST_TRUST_ROOTS = await shipServerRoot(world.server);
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
