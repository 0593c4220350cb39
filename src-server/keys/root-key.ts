import type { Kysely } from 'kysely';
import { createIssuerKey, importSigningKey } from '../../shared/crypto/issuer-keys';
import type { CryptoKeyHandle } from '../../shared/crypto/subtle-port';
import type { TrustRootsDocument } from '../../shared/trust/trust-roots';
import type { Database } from '../db/schema';
import { audit } from '../repositories/audit';
import { seal, unseal } from './master-key';
import { nodeSubtle } from './node-subtle';

/** Issuer name of a root made at first start without an operator-chosen name. */
export const DEFAULT_ROOT_NAME = 'Tessera license server';

/** The server's root key as stored: public half plain, private half sealed with the master key. */
export interface RootKeyRow {
  readonly kid: string;
  readonly name: string;
  readonly public_key: string;
  readonly private_key_enc: string;
  readonly created_at: Date;
}

/** The root, if this server has one yet. */
export async function findRoot(db: Kysely<Database>): Promise<RootKeyRow | undefined> {
  return db
    .selectFrom('root_keys')
    .select(['kid', 'name', 'public_key', 'private_key_enc', 'created_at'])
    .executeTakeFirst();
}

/**
 * Makes the server's one root key unless it has one (the constant slot makes a concurrent second
 * insert a no-op), audited. Answers the root that exists afterwards and whether this call made it.
 */
export async function createRoot(
  db: Kysely<Database>,
  masterKey: Buffer,
  name: string,
): Promise<{ root: RootKeyRow; created: boolean }> {
  const existing = await findRoot(db);
  if (existing !== undefined) return { root: existing, created: false };
  const material = await createIssuerKey(nodeSubtle);
  const inserted = await db
    .insertInto('root_keys')
    .values({
      kid: material.kid,
      name,
      public_key: material.publicKeyBase64,
      private_key_enc: seal(masterKey, material.privateKeyPkcs8Base64),
    })
    .onConflict((oc) => oc.column('slot').doNothing())
    .returning(['kid', 'name', 'public_key', 'private_key_enc', 'created_at'])
    .executeTakeFirst();
  if (inserted === undefined) {
    const winner = await findRoot(db);
    if (winner === undefined) throw new Error('The root key vanished while it was being created.');
    return { root: winner, created: false };
  }
  await audit(db, { action: 'trust.root_created', details: { rootKid: inserted.kid, name } });
  return { root: inserted, created: true };
}

/** The root's private key for certifying and signing revocation lists (never for licenses). */
export async function rootPrivateKey(masterKey: Buffer, root: RootKeyRow): Promise<CryptoKeyHandle> {
  return importSigningKey(nodeSubtle, unseal(masterKey, root.private_key_enc));
}

/** The trust roots document agents ship (resources/trust-roots.json or the machine-wide policy file). */
export const trustRootsDocument = (root: RootKeyRow): TrustRootsDocument => ({
  v: 1,
  roots: [{ kid: root.kid, publicKey: root.public_key, name: root.name }],
});
