import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** The hash the chain starts from (before the first event). */
export const GENESIS_HASH = '0'.repeat(64);

/** The verdict on the audit chain: intact with its head, or the first row that does not fit. */
export type AuditChainVerdict =
  | { readonly ok: true; readonly events: number; readonly headHash: string }
  | { readonly ok: false; readonly seq: number; readonly id: string; readonly reason: string };

interface ChainRow {
  seq: string;
  id: string;
  prev_hash: string;
  hash: string;
  content: string;
}

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/**
 * Walks the audit log in chain order and recomputes every hash from the row's content (the same
 * canonical JSON the insert trigger hashes, migration 20261130T0510-audit-chain): names the first
 * row that was edited, removed (a gap in seq) or re-linked, and checks the chain head at the end.
 */
export async function verifyAuditChain(db: Kysely<Database>, pageSize = 1000): Promise<AuditChainVerdict> {
  let previous = GENESIS_HASH;
  let expectedSeq = 1;
  for (;;) {
    const page = await sql<ChainRow>`
      select e.seq::text as seq, e.id::text as id, e.prev_hash, e.hash,
        jsonb_build_array(e.seq, e.id, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
          e.actor_user_id, e.org_id, e.action, e.product_id, e.machine_id, e.reason, e.details)::text as content
      from audit_events e where e.seq >= ${expectedSeq} order by e.seq limit ${pageSize}`.execute(db);
    for (const row of page.rows) {
      const broken = (reason: string): AuditChainVerdict => ({
        ok: false,
        seq: Number(row.seq),
        id: row.id,
        reason,
      });
      if (Number(row.seq) !== expectedSeq)
        return broken(`event(s) before it are missing (expected position ${expectedSeq})`);
      if (row.prev_hash !== previous) return broken('it does not link to the event before it');
      if (sha256(previous + row.content) !== row.hash)
        return broken('its content was changed after it was written');
      previous = row.hash;
      expectedSeq += 1;
    }
    if (page.rows.length < pageSize) break;
  }
  const head = await db.selectFrom('audit_chain_head').select(['seq', 'hash']).executeTakeFirst();
  if (head === undefined || Number(head.seq) !== expectedSeq - 1 || head.hash !== previous)
    return {
      ok: false,
      seq: expectedSeq,
      id: '-',
      reason: 'the chain head does not match the last event (events were removed at the end)',
    };
  return { ok: true, events: expectedSeq - 1, headHash: previous };
}
