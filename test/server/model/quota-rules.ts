import { sql } from 'kysely';
import { expect } from 'vitest';
import { TERMS, TTL_SECONDS, type World } from './world';

// Counted straight from the database, apart from both server and model: nothing is used beyond a
// line's quota (R9, R17, R21, R22), and every live session still has what it needs (R19, R22, R23).

/**
 * Seats + offline files (KSE) and, for KRE, per machine ID the larger of "holds a reservation or an
 * offline file" and its live sessions (one machine with both is one license) never exceed the quota.
 */
export async function checkQuotas(w: World, now: number) {
  const cutoff = new Date(now - TTL_SECONDS * 1000);
  const at = new Date(now);
  const rows = await sql<{ product_id: string; seats: number; offline: number; machines: number }>`
    select s.product_id,
      (select count(*)::int from seat_assignments a where a.subscription_id = s.id) as seats,
      (select count(*)::int from offline_licenses o where o.subscription_id = s.id and o.expires_at > ${at}) as offline,
      (select coalesce(sum(greatest(v.held, v.running)), 0)::int from (
        select u.mid, max(u.held) as held, sum(u.running) as running from (
          select m.machine_id as mid, 1 as held, 0 as running from activations a join machines m on m.id = a.machine_ref
            where a.subscription_id = s.id and a.deactivated_at is null
          union all
          select o.machine_id, 1, 0 from offline_licenses o where o.subscription_id = s.id and o.expires_at > ${at}
          union all
          select m.machine_id, 0, 1 from sessions x join machines m on m.id = x.machine_ref
            where x.subscription_id = s.id and x.ended_at is null and x.heartbeat_at > ${cutoff}
        ) u group by u.mid) v) as machines
    from subscriptions s where s.org_id = ${w.rootOrgId}`.execute(w.server.ctx.db);
  for (const r of rows.rows) {
    const quota = r.product_id === 'kse' ? TERMS.kse.quota : TERMS.kre.quota;
    const used = r.product_id === 'kse' ? r.seats + r.offline : r.machines;
    expect(used, `${r.product_id} licenses used (R9, R17, R21, R22)`).toBeLessThanOrEqual(quota);
  }
}

/** Every live session has a live activation of its user on its machine, and a seat for per-User (R23). */
export async function checkLiveSessionsLicensed(w: World, now: number) {
  const orphans = await sql<{ id: string }>`
    select x.id from sessions x join subscriptions s on s.id = x.subscription_id
    where s.org_id = ${w.rootOrgId} and x.ended_at is null
      and x.heartbeat_at > ${new Date(now - TTL_SECONDS * 1000)}
      and (not exists (select 1 from activations a where a.subscription_id = s.id and a.user_id = x.user_id
              and a.machine_ref = x.machine_ref and a.deactivated_at is null)
        or (s.license_kind = 'per-user' and not exists (select 1 from seat_assignments a
              where a.subscription_id = s.id and a.user_id = x.user_id)))`.execute(w.server.ctx.db);
  expect(orphans.rows, 'live sessions without a license (R23)').toEqual([]);
}
