import type { Kysely } from 'kysely';
import { createChainVerifier, type ChainVerifier } from '../../shared/trust/chain-verifier';
import { parseTrustRoots } from '../../shared/trust/trust-roots';
import type { Database } from '../../src-server/db/schema';
import { nodeSubtle } from '../../src-server/keys/node-subtle';
import { findRoot, trustRootsDocument } from '../../src-server/keys/root-key';

/**
 * A chain verifier trusting nothing but the server's root, read as `root export-public` prints it:
 * what an agent built with that roots document verifies with.
 */
export async function rootChain(db: Kysely<Database>): Promise<ChainVerifier> {
  const root = await findRoot(db);
  if (root === undefined) throw new Error('The test server has no root key.');
  const roots = parseTrustRoots(JSON.parse(JSON.stringify(trustRootsDocument(root))), 'vendor');
  if (!roots.ok) throw new Error(roots.error.message);
  return createChainVerifier(nodeSubtle, roots.value);
}
