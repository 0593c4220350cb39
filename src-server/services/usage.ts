import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema';
import type { LockedSubscription } from './subscriptions';

type Trx = Transaction<Database>;

/** Live (not deactivated) activations of a subscription, with their machine IDs. */
export function liveActivations(trx: Trx, subscriptionId: string) {
  return trx
    .selectFrom('activations as a')
    .innerJoin('machines as m', 'm.id', 'a.machine_ref')
    .select(['a.id', 'a.machine_ref', 'a.user_id', 'm.machine_id'])
    .where('a.subscription_id', '=', subscriptionId)
    .where('a.deactivated_at', 'is', null)
    .execute();
}

/** Sessions still holding a license: not ended and heard from within the TTL (stale ones await culling). */
export function liveSessions(trx: Trx, subscriptionId: string, now: number, ttlSeconds: number) {
  return trx
    .selectFrom('sessions as s')
    .innerJoin('machines as m', 'm.id', 's.machine_ref')
    .select(['s.id', 's.machine_ref', 's.user_id', 's.slot', 's.application_id', 'm.machine_id'])
    .where('s.subscription_id', '=', subscriptionId)
    .where('s.ended_at', 'is', null)
    .where('s.heartbeat_at', '>', new Date(now - ttlSeconds * 1000))
    .execute();
}

/** Machine IDs bound to offline licenses that have not expired (they count against the quota, R9). */
export async function offlineMachineIds(trx: Trx, subscriptionId: string, now: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('offline_licenses')
    .select('machine_id')
    .where('subscription_id', '=', subscriptionId)
    .where('expires_at', '>', new Date(now))
    .execute();
  return rows.map((r) => r.machine_id);
}

/** Number of seat assignments of a subscription. */
export async function seatCount(trx: Trx, subscriptionId: string): Promise<number> {
  const row = await trx
    .selectFrom('seat_assignments')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirstOrThrow();
  return row.n;
}

/** Licenses already used, online plus offline (R9): what grants and offline creation compare to the quota. */
export async function usedLicenses(
  trx: Trx,
  sub: LockedSubscription,
  now: number,
  ttlSeconds: number,
): Promise<number> {
  const offline = (await offlineMachineIds(trx, sub.id, now)).length;
  switch (sub.kind) {
    case 'per-user':
    case 'seat':
      return (await seatCount(trx, sub.id)) + offline;
    case 'session':
    case 'node-locked':
      return new Set((await liveActivations(trx, sub.id)).map((a) => a.machine_id)).size + offline;
    case 'floating':
      return (await liveSessions(trx, sub.id, now, ttlSeconds)).length + offline;
    case 'aut':
      return new Set((await liveSessions(trx, sub.id, now, ttlSeconds)).map((s) => s.application_id)).size;
    default:
      return offline;
  }
}
