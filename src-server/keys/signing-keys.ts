import { sql, type Kysely } from 'kysely';
import { importSigningKey } from '../../shared/crypto/issuer-keys';
import type { CryptoKeyHandle } from '../../shared/crypto/subtle-port';
import type { SignedObject } from '../../shared/trust/signed-object';
import type { Database } from '../db/schema';
import { storedCertificate } from './key-certification';
import { insertActiveKey } from './key-rotation';
import { unseal } from './master-key';
import { nodeSubtle } from './node-subtle';
import { latestRevocationList, type StoredRevocationList } from './revocations';

export { nodeSubtle } from './node-subtle';

/** A public issuer key as listed to agents and operators, with its root-signed certificate. */
export interface IssuerKeyInfo {
  readonly kid: string;
  readonly publicKey: string;
  readonly active: boolean;
  readonly createdAt: Date;
  readonly certificate?: SignedObject | undefined;
  readonly notBefore?: Date | null;
  readonly notAfter?: Date | null;
  readonly revokedAt?: Date | null;
  readonly revokeReason?: string | null;
}

/** Lists every issuer key, newest first; retired keys stay listed so files they signed still verify. */
export async function listSigningKeys(db: Kysely<Database>): Promise<IssuerKeyInfo[]> {
  const rows = await db
    .selectFrom('signing_keys')
    .select([
      'kid',
      'public_key',
      'active',
      'created_at',
      'cert_payload',
      'cert_sig',
      'not_before',
      'not_after',
    ])
    .select(['revoked_at', 'revoke_reason'])
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    kid: r.kid,
    publicKey: r.public_key,
    active: r.active,
    createdAt: r.created_at,
    certificate: storedCertificate(r.cert_payload, r.cert_sig),
    notBefore: r.not_before,
    notAfter: r.not_after,
    revokedAt: r.revoked_at,
    revokeReason: r.revoke_reason,
  }));
}

/** Makes a new Ed25519 key the active one (rotation), certified by the root; the private half is sealed. */
export async function rotateSigningKey(db: Kysely<Database>, masterKey: Buffer): Promise<IssuerKeyInfo> {
  const row = await db.transaction().execute((trx) => insertActiveKey(trx, masterKey));
  return { kid: row.kid, publicKey: row.public_key, active: row.active, createdAt: row.created_at };
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

/** The active key with what every file it signs embeds: its certificate and the latest revocation list. */
export interface ActiveSigner {
  readonly kid: string;
  readonly key: CryptoKeyHandle;
  readonly cert: SignedObject;
  readonly notAfter: Date;
  readonly crl: SignedObject | undefined;
}

/** The key that signs right now; the imported handle is cached per kid so each sign is one small query. */
export interface IssuerSigner {
  active(db: Kysely<Database>): Promise<ActiveSigner>;
}

/** Builds a signer that follows rotations and revocations done by any process (both read from the DB). */
export function createIssuerSigner(masterKey: Buffer): IssuerSigner {
  const cache = new Map<string, CryptoKeyHandle>();
  let list: StoredRevocationList | undefined;
  return {
    async active(db) {
      const row = await db
        .selectFrom('signing_keys')
        .select(['kid', 'private_key_enc', 'cert_payload', 'cert_sig', 'not_after'])
        .select(sql<number | null>`(select max(serial) from revocation_lists)`.as('crl_serial'))
        .where('active', '=', true)
        .executeTakeFirst();
      if (row === undefined) throw new Error('No active signing key; run `keys rotate`.');
      const cert = storedCertificate(row.cert_payload, row.cert_sig);
      if (cert === undefined || row.not_after === null)
        throw new Error(`Signing key ${row.kid} has no certificate yet; restart the server to certify it.`);
      let key = cache.get(row.kid);
      if (key === undefined) {
        key = await importSigningKey(nodeSubtle, unseal(masterKey, row.private_key_enc));
        cache.set(row.kid, key);
      }
      if (row.crl_serial !== null && list?.serial !== Number(row.crl_serial))
        list = await latestRevocationList(db);
      return { kid: row.kid, key, cert, notAfter: row.not_after, crl: list?.crl };
    },
  };
}
