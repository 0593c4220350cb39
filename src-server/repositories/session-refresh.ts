import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { createMicroBatcher } from '../db/micro-batcher';
import { liveSession, staleBefore } from './session-liveness';

/** One heartbeat to apply: whose, which session, the server's clock and the TTL it is judged by. */
export interface LiveHeartbeat {
  readonly userId: string;
  readonly sessionId: string;
  readonly now: number;
  readonly ttlSeconds: number;
}

/** What a refreshed session returns: the facts the heartbeat response carries. */
export interface RefreshedSession {
  readonly id: string;
  readonly user_id: string;
  readonly started_at: Date;
  readonly heartbeat_at: Date;
  readonly product_id: string;
  readonly org_id: string;
  readonly machine_id: string;
}

const RETURNED = [
  's.id',
  's.user_id',
  's.started_at',
  's.heartbeat_at',
  'sub.product_id',
  'sub.org_id',
  'm.machine_id',
] as const;

/**
 * The common heartbeat in one statement (it was a read then a write): refreshes the caller's session
 * only while it is live and within the TTL, returning what the response needs; undefined sends the
 * caller down the careful path that explains the refusal or culls the session.
 */
export async function refreshLiveSession(
  db: Kysely<Database>,
  h: LiveHeartbeat,
): Promise<RefreshedSession | undefined> {
  return db
    .updateTable('sessions as s')
    .from(['subscriptions as sub', 'machines as m'])
    .set({ heartbeat_at: new Date(h.now) })
    .whereRef('sub.id', '=', 's.subscription_id')
    .whereRef('m.id', '=', 's.machine_ref')
    .where('s.id', '=', h.sessionId)
    .where('s.user_id', '=', h.userId)
    .where(liveSession('s', h.now, h.ttlSeconds))
    .returning(RETURNED)
    .executeTakeFirst();
}

const keyOf = (sessionId: string, userId: string): string => `${sessionId}|${userId}`;

/**
 * The same statement for many heartbeats at once (`unnest` of their ids, owners, times and TTL
 * cut-offs), in session-id order so concurrent batches lock rows in one order; each heartbeat gets
 * its own row back or undefined, exactly as `refreshLiveSession` would have answered it.
 */
export async function refreshLiveSessions(
  db: Kysely<Database>,
  beats: readonly LiveHeartbeat[],
): Promise<(RefreshedSession | undefined)[]> {
  const sorted = [...beats].sort((a, b) =>
    a.sessionId < b.sessionId ? -1 : a.sessionId > b.sessionId ? 1 : 0,
  );
  const ids = sorted.map((b) => b.sessionId);
  const users = sorted.map((b) => b.userId);
  const ats = sorted.map((b) => new Date(b.now).toISOString());
  const sinces = sorted.map((b) => staleBefore(b.now, b.ttlSeconds).toISOString());
  const rows = await db
    .updateTable('sessions as s')
    .from([
      sql<{
        id: string;
        user_id: string;
        at: Date;
        since: Date;
      }>`unnest(${ids}::uuid[], ${users}::uuid[], ${ats}::timestamptz[], ${sinces}::timestamptz[])`.as<'v'>(
        sql`v(id, user_id, at, since)`,
      ),
      'subscriptions as sub',
      'machines as m',
    ])
    .set((eb) => ({ heartbeat_at: eb.ref('v.at') }))
    .whereRef('s.id', '=', 'v.id')
    .whereRef('s.user_id', '=', 'v.user_id')
    .where('s.ended_at', 'is', null)
    .whereRef('s.heartbeat_at', '>', 'v.since')
    .whereRef('sub.id', '=', 's.subscription_id')
    .whereRef('m.id', '=', 's.machine_ref')
    .returning(RETURNED)
    .execute();
  const byKey = new Map(rows.map((r) => [keyOf(r.id, r.user_id), r]));
  return beats.map((b) => byKey.get(keyOf(b.sessionId, b.userId)));
}

const batchers = new WeakMap<Kysely<Database>, (h: LiveHeartbeat) => Promise<RefreshedSession | undefined>>();

/** Heartbeats go through one micro-batcher per database, so concurrent ones share a statement. */
export function refreshLiveSessionBatched(
  db: Kysely<Database>,
  h: LiveHeartbeat,
): Promise<RefreshedSession | undefined> {
  let batcher = batchers.get(db);
  if (batcher === undefined) {
    batcher = createMicroBatcher(
      { many: (beats) => refreshLiveSessions(db, beats), one: (beat) => refreshLiveSession(db, beat) },
      { maxBatch: 256, maxInFlight: 2 },
    );
    batchers.set(db, batcher);
  }
  return batcher(h);
}
