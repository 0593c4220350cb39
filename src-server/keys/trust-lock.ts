import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';

/** Advisory lock id of trust changes (root creation, certification, rotation, revocation). */
const TRUST_LOCK_ID = 7_365_011;

/**
 * Serializes trust changes across processes: held until the transaction ends, so several servers
 * starting at once on one PostgreSQL database create one root and certify each key once.
 */
export async function lockTrust(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${TRUST_LOCK_ID})`.execute(trx);
}
