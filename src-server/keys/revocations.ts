import type { Kysely } from 'kysely';
import { signRevocationList } from '../../shared/trust/revocation-list';
import type { SignedObject } from '../../shared/trust/signed-object';
import type { Database } from '../db/schema';
import { audit } from '../repositories/audit';
import { nodeSubtle } from './node-subtle';
import { rootPrivateKey, type RootKeyRow } from './root-key';

/** A stored revocation list: its serial and root beside the signed object leases carry. */
export interface StoredRevocationList {
  readonly serial: number;
  readonly rootKid: string;
  readonly crl: SignedObject;
}

/** The list with the highest serial, or undefined before the first start made one. */
export async function latestRevocationList(db: Kysely<Database>): Promise<StoredRevocationList | undefined> {
  const row = await db
    .selectFrom('revocation_lists')
    .select(['serial', 'root_kid', 'payload', 'sig'])
    .orderBy('serial', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row && { serial: row.serial, rootKid: row.root_kid, crl: { payload: row.payload, sig: row.sig } };
}

/**
 * Signs and stores a new complete list (every revoked signing key) with the next serial, audited. The
 * caller holds the trust lock (trust-lock.ts), so serials never collide; the primary key would refuse one.
 */
export async function issueRevocationList(
  db: Kysely<Database>,
  masterKey: Buffer,
  root: RootKeyRow,
  now: Date,
): Promise<StoredRevocationList> {
  const last = await latestRevocationList(db);
  const serial = (last?.serial ?? 0) + 1;
  const revoked = await db
    .selectFrom('signing_keys')
    .select(['kid', 'revoked_at', 'revoke_reason'])
    .where('revoked_at', 'is not', null)
    .orderBy('revoked_at')
    .orderBy('kid')
    .execute();
  const crl = await signRevocationList(nodeSubtle, await rootPrivateKey(masterKey, root), {
    v: 1,
    rootKid: root.kid,
    serial,
    issuedAt: now.toISOString(),
    revoked: revoked.map((r) => ({
      kid: r.kid,
      revokedAt: (r.revoked_at ?? now).toISOString(),
      ...(r.revoke_reason === null ? {} : { reason: r.revoke_reason }),
    })),
  });
  await db
    .insertInto('revocation_lists')
    .values({ serial, root_kid: root.kid, payload: crl.payload, sig: crl.sig, issued_at: now })
    .execute();
  await audit(db, {
    action: 'trust.revocations_issued',
    details: { serial, rootKid: root.kid, revoked: revoked.map((r) => r.kid) },
  });
  return { serial, rootKid: root.kid, crl };
}
