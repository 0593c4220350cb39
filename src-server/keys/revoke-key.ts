import type { Kysely } from 'kysely';
import { fail, ok, type Result } from '../../shared/result';
import type { Database } from '../db/schema';
import { transact } from '../db/transact';
import { audit } from '../repositories/audit';
import { issueRevocationList } from './revocations';
import { findRoot } from './root-key';
import { lockTrust } from './trust-lock';

/**
 * Withdraws a signing key: marks it revoked and issues a new root-signed revocation list (next
 * serial) that the next lease carries, audited. Refuses the active key, so the server is never left
 * without a usable key: rotate first, then revoke the old one.
 */
export async function revokeSigningKey(
  db: Kysely<Database>,
  masterKey: Buffer,
  kid: string,
  reason: string | undefined,
  now: Date = new Date(),
): Promise<Result<{ kid: string; serial: number }>> {
  return transact(db, async (trx) => {
    await lockTrust(trx);
    const key = await trx
      .selectFrom('signing_keys')
      .select(['kid', 'active', 'revoked_at'])
      .where('kid', '=', kid)
      .executeTakeFirst();
    if (key === undefined) return fail('NOT_FOUND', `There is no signing key ${kid}; see \`keys list\`.`);
    if (key.active) {
      return fail(
        'CONFLICT',
        `Key ${kid} is the active signing key. Run \`keys rotate\` first, then revoke ${kid}.`,
      );
    }
    if (key.revoked_at !== null)
      return fail('CONFLICT', `Key ${kid} was already revoked on ${key.revoked_at.toISOString()}.`);
    const root = await findRoot(trx);
    if (root === undefined)
      return fail('NOT_FOUND', 'This server has no root key yet; run `root create` first.');
    await trx
      .updateTable('signing_keys')
      .set({ revoked_at: now, revoke_reason: reason ?? null })
      .where('kid', '=', kid)
      .execute();
    const list = await issueRevocationList(trx, masterKey, root, now);
    await audit(trx, {
      action: 'trust.key_revoked',
      reason: reason ?? null,
      details: { kid, serial: list.serial },
    });
    return ok({ kid, serial: list.serial });
  });
}
