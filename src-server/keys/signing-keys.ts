import type { Kysely } from 'kysely';
import { createIssuerKey, importSigningKey } from '../../shared/crypto/issuer-keys';
import type { CryptoKeyHandle, SubtleCryptoPort } from '../../shared/crypto/subtle-port';
import type { Database } from '../db/schema';
import { seal, unseal } from './master-key';

/** Node's WebCrypto satisfies the shared port structurally (Ed25519 is supported in Node 20). */
export const nodeSubtle: SubtleCryptoPort = globalThis.crypto.subtle;

/** A public issuer key as listed to agents and operators. */
export interface IssuerKeyInfo {
  readonly kid: string;
  readonly publicKey: string;
  readonly active: boolean;
  readonly createdAt: Date;
}

/** Lists every issuer key, newest first; retired keys stay listed so files they signed still verify. */
export async function listSigningKeys(db: Kysely<Database>): Promise<IssuerKeyInfo[]> {
  const rows = await db
    .selectFrom('signing_keys')
    .select(['kid', 'public_key', 'active', 'created_at'])
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    kid: r.kid,
    publicKey: r.public_key,
    active: r.active,
    createdAt: r.created_at,
  }));
}

/** Makes a new Ed25519 key the active one (rotation); the private half is sealed with the master key. */
export async function rotateSigningKey(db: Kysely<Database>, masterKey: Buffer): Promise<IssuerKeyInfo> {
  const material = await createIssuerKey(nodeSubtle);
  return db.transaction().execute(async (trx) => {
    await trx.updateTable('signing_keys').set({ active: false }).where('active', '=', true).execute();
    const row = await trx
      .insertInto('signing_keys')
      .values({
        kid: material.kid,
        public_key: material.publicKeyBase64,
        private_key_enc: seal(masterKey, material.privateKeyPkcs8Base64),
        active: true,
      })
      .returning(['kid', 'public_key', 'active', 'created_at'])
      .executeTakeFirstOrThrow();
    return { kid: row.kid, publicKey: row.public_key, active: row.active, createdAt: row.created_at };
  });
}

/** First start: creates the first key when none is active; later starts reuse it. */
export async function ensureSigningKey(
  db: Kysely<Database>,
  masterKey: Buffer,
): Promise<{ kid: string; created: boolean }> {
  const active = await db
    .selectFrom('signing_keys')
    .select('kid')
    .where('active', '=', true)
    .executeTakeFirst();
  if (active !== undefined) return { kid: active.kid, created: false };
  return { kid: (await rotateSigningKey(db, masterKey)).kid, created: true };
}

/** The key that signs right now; the imported handle is cached per kid so each sign is one small query. */
export interface IssuerSigner {
  active(db: Kysely<Database>): Promise<{ kid: string; key: CryptoKeyHandle }>;
}

/** Builds a signer that follows rotations done by any process (the active kid is read from the DB). */
export function createIssuerSigner(masterKey: Buffer): IssuerSigner {
  const cache = new Map<string, CryptoKeyHandle>();
  return {
    async active(db) {
      const row = await db
        .selectFrom('signing_keys')
        .select(['kid', 'private_key_enc'])
        .where('active', '=', true)
        .executeTakeFirst();
      if (row === undefined) throw new Error('No active signing key; run `keys rotate`.');
      let key = cache.get(row.kid);
      if (key === undefined) {
        key = await importSigningKey(nodeSubtle, unseal(masterKey, row.private_key_enc));
        cache.set(row.kid, key);
      }
      return { kid: row.kid, key };
    },
  };
}
