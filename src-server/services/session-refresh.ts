import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * The common heartbeat in one statement (it was a read then a write): refreshes the caller's session
 * only while it is live and within the TTL, returning what the response needs; undefined sends the
 * caller down the careful path that explains the refusal or culls the session.
 */
export async function refreshLiveSession(
  db: Kysely<Database>,
  h: { userId: string; sessionId: string; now: number; ttlSeconds: number },
) {
  return db
    .updateTable('sessions as s')
    .from(['subscriptions as sub', 'machines as m'])
    .set({ heartbeat_at: new Date(h.now) })
    .whereRef('sub.id', '=', 's.subscription_id')
    .whereRef('m.id', '=', 's.machine_ref')
    .where('s.id', '=', h.sessionId)
    .where('s.user_id', '=', h.userId)
    .where('s.ended_at', 'is', null)
    .where('s.heartbeat_at', '>', new Date(h.now - h.ttlSeconds * 1000))
    .returning(['s.id', 's.started_at', 's.heartbeat_at', 'sub.product_id', 'sub.org_id', 'm.machine_id'])
    .executeTakeFirst();
}
