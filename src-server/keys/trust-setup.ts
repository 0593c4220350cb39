import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { certifySigningKey } from './key-certification';
import { insertActiveKey } from './key-rotation';
import { issueRevocationList } from './revocations';
import { createRoot, DEFAULT_ROOT_NAME } from './root-key';
import { lockTrust } from './trust-lock';

/** Once the active key's certificate has less than this left, a start rotates to a fresh key. */
export const ROTATE_BEFORE_END_MS = 365 * 86_400_000;

/** What a start found or changed. */
export interface TrustSetup {
  readonly rootKid: string;
  readonly rootCreated: boolean;
  readonly activeKid: string;
  readonly certified: readonly string[];
  /** A new active signing key was made now (none yet, or the old one's certificate nears its end). */
  /** A new active signing key was made now (none yet, or the old one's certificate nears its end). */
  readonly rotated: boolean;
  readonly serial: number;
}

/**
 * First start and upgrade, idempotent and safe when several processes start at once (one transaction
 * under the trust advisory lock): makes the root if there is none, an active signing key if there is
 * none, certifies every unrevoked key without a certificate (databases from before the trust chain),
 * rotates when the active key's certificate nears its end, and makes the first revocation list.
 */
export async function ensureTrust(
  db: Kysely<Database>,
  masterKey: Buffer,
  options: { readonly name?: string; readonly now?: number } = {},
): Promise<TrustSetup> {
  return db.transaction().execute(async (trx) => {
    await lockTrust(trx);
    const now = new Date(options.now ?? Date.now());
    const { root, created } = await createRoot(trx, masterKey, options.name ?? DEFAULT_ROOT_NAME);
    const uncertified = await trx
      .selectFrom('signing_keys')
      .select(['kid', 'public_key', 'created_at'])
      .where('cert_payload', 'is', null)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .execute();
    for (const key of uncertified) await certifySigningKey(trx, masterKey, root, key);
    const current = await trx
      .selectFrom('signing_keys')
      .select(['kid', 'not_after'])
      .where('active', '=', true)
      .executeTakeFirst();
    const ending =
      current?.not_after != null && current.not_after.getTime() - now.getTime() < ROTATE_BEFORE_END_MS;
    const rotated = current === undefined || ending;
    const active = rotated ? await insertActiveKey(trx, masterKey) : current;
    const hasList = await trx
      .selectFrom('revocation_lists')
      .select('serial')
      .where('root_kid', '=', root.kid)
      .orderBy('serial', 'desc')
      .limit(1)
      .executeTakeFirst();
    const serial = hasList?.serial ?? (await issueRevocationList(trx, masterKey, root, now)).serial;
    return {
      rootKid: root.kid,
      rootCreated: created,
      activeKid: active.kid,
      certified: uncertified.map((k) => k.kid),
      rotated,
      serial,
    };
  });
}
