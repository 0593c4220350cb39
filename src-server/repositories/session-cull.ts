import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { timedOutSession } from './session-liveness';

/**
 * Ends up to `batch` timed-out sessions and writes one `session.culled` audit event each, in ONE
 * statement (R22): the rows are picked with FOR UPDATE SKIP LOCKED, ended through the primary key
 * (`= any(array(…))` keeps the plan an index probe per row at any table size, never a scan of
 * `sessions` or `machines`), and their events are inserted by one INSERT, so the audit chain's head
 * is updated once per batch. Same rows and events as `endSessions` with the culler's actor.
 */
export async function cullTimedOutBatch(
  db: Kysely<Database>,
  now: number,
  ttlSeconds: number,
  batch: number,
  reason: string,
): Promise<number> {
  const result = await sql<{ ended: number; audited: number }>`
    with stale as (
      select id from sessions where ${timedOutSession(null, now, ttlSeconds)}
      limit ${batch} for update skip locked
    ), ended as (
      update sessions set ended_at = ${new Date(now)}, end_reason = ${reason}, end_code = null
      where id = any(array(select id from stale)) and ended_at is null
      returning id, subscription_id, machine_ref
    ), audited as (
      insert into audit_events (action, actor_user_id, org_id, product_id, machine_id, reason, details)
      select 'session.culled', null,
        (select sub.org_id from subscriptions sub where sub.id = e.subscription_id),
        (select sub.product_id from subscriptions sub where sub.id = e.subscription_id),
        (select m.machine_id from machines m where m.id = e.machine_ref),
        ${reason}, jsonb_build_object('sessionId', e.id)
      from ended e
      returning 1
    )
    select (select count(*) from ended)::int as ended, (select count(*) from audited)::int as audited`.execute(
    db,
  );
  const row = result.rows[0];
  if (row === undefined || row.ended !== row.audited)
    throw new Error('culling wrote a different number of audit events than sessions it ended');
  return row.ended;
}
