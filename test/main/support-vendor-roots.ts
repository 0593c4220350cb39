import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findRoot, trustRootsDocument } from '../../src-server/keys/root-key';
import type { TestServer } from '../support/test-server';

/** Writes the server's root as a trust roots document (what `root export-public` prints) into `dir`. */
export const writeVendorRoots = async (server: TestServer, dir: string): Promise<string> => {
  const root = await findRoot(server.ctx.db);
  if (root === undefined) throw new Error('the test server has no root');
  const path = join(dir, `vendor-roots-${root.kid}.json`);
  await writeFile(path, JSON.stringify(trustRootsDocument(root)));
  return path;
};

/**
 * The environment of a test build whose shipped roots are this server's root (what a vendor build
 * ships in resources/trust-roots.json), with no machine-wide policy file. TESSERA_TRUSTED_ISSUERS is
 * also set, to the server's signing keys in the old format, so the same steps run against an agent
 * that still honours it show the old behaviour.
 */
export const vendorTrustEnv = async (server: TestServer, dir: string): Promise<NodeJS.ProcessEnv> => {
  const roots = await writeVendorRoots(server, dir);
  const keys = (await (await fetch(`${server.url}/v1/issuer-keys`)).json()) as {
    keys: { kid: string; publicKey: string }[];
  };
  const issuers = join(dir, 'trusted-issuers.json');
  await writeFile(
    issuers,
    JSON.stringify({ keys: keys.keys.map(({ kid, publicKey }) => ({ kid, publicKey })) }),
  );
  return {
    TESSERA_TEST_TRUST_ROOTS: roots,
    TESSERA_TEST_POLICY_PATH: join(dir, 'no-policy.json'),
    TESSERA_TRUSTED_ISSUERS: issuers,
  };
};
