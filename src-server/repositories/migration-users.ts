import { sql, type Kysely } from 'kysely';
import type { MigrationUser } from '../../shared/migration/per-user-priority';
import type { Database } from '../db/schema';

/** R28 facts per member (renewal and the admin preview alike): offline floating license, last active. */
export async function migrationUsers(
  db: Kysely<Database>,
  orgId: string,
  productId: string,
  now: number,
): Promise<MigrationUser[]> {
  const rows = await db
    .selectFrom('memberships as m')
    .select((eb) => [
      'm.user_id',
      eb
        .selectFrom('sessions as s')
        .innerJoin('subscriptions as sub', 'sub.id', 's.subscription_id')
        .select(sql<Date | null>`max(s.heartbeat_at)`.as('last'))
        .whereRef('s.user_id', '=', 'm.user_id')
        .where('sub.org_id', '=', orgId)
        .where('sub.product_id', '=', productId)
        .as('last_active'),
      eb
        .selectFrom('offline_licenses as o')
        .innerJoin('subscriptions as sub', 'sub.id', 'o.subscription_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('o.user_id', '=', 'm.user_id')
        .where('sub.org_id', '=', orgId)
        .where('sub.product_id', '=', productId)
        .where('sub.license_kind', '=', 'floating')
        .where('o.expires_at', '>', new Date(now))
        .as('offline_floating'),
    ])
    .where('m.org_id', '=', orgId)
    .execute();
  return rows.map((r) => ({
    userId: r.user_id,
    offlineFloating: (r.offline_floating ?? 0) > 0,
    lastActiveAt: r.last_active ? new Date(r.last_active).getTime() : null,
  }));
}
