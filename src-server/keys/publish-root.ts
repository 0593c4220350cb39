import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { TrustRootsDocument } from '../../shared/trust/trust-roots';
import type { Database } from '../db/schema';
import { findRoot, trustRootsDocument } from './root-key';

/**
 * File in the server's data folder holding its public root (a trust roots document). An evaluation
 * build of the agent on the same machine (one that ships no vendor root) reads it from the default
 * data folders; a build with a vendor root never does (src-main/services/trust-setup.ts).
 */
export const PUBLIC_ROOT_FILE = 'trust-root.public.json';

/** Writes the public root into the data folder at every start (atomic, world-readable: no secret in it). */
export async function publishPublicRoot(
  db: Kysely<Database>,
  dataDir: string,
): Promise<TrustRootsDocument | undefined> {
  const root = await findRoot(db);
  if (root === undefined) return undefined;
  const document = trustRootsDocument(root);
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, PUBLIC_ROOT_FILE);
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(document, null, 2)}\n`, { mode: 0o644 });
  await rename(temp, path);
  return document;
}
