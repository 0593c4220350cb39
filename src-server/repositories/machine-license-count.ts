import { sql, type RawBuilder } from 'kysely';
import type { UsageLine } from './line-units';
import { liveSession } from './session-liveness';

// R9, R21, R22, R25, R26: the line's total of `machineLicenses` (shared/domain/line-use.ts) without
// visiting every machine that holds a license. Summed over machine IDs, max(held, sessions) equals
//   live sessions + machine IDs that hold a license (reservation or offline file) and run no live session
// (each machine ID counts its sessions, or 1 when it holds a license and runs none). The reservations, the part that grows with every activation,
// come from the trigger-kept live_machine_counts (migration 20261123T1420; machine refs of a line all
// belong to its organization, so one ref is one machine ID); the rest visits only the line's live
// sessions and unexpired offline files, which a trigger cannot keep exact because they stop counting
// with time and no write. The per-holder rows (line-units.ts `machineRows`) sum to the same total
// (test/server/machine-license-count.test.ts).

/** The SQL of the line's machine licenses: reads reservations as one kept row, never one per machine. */
export function machineLicenseCount(line: UsageLine, now: number, ttlSeconds: number): RawBuilder<number> {
  const id = line.id;
  // The machine's live reservation on this line (R22, R25), written once for both uses below.
  const reservation = (ref: RawBuilder<unknown>) =>
    sql`select 1 from activations a where a.subscription_id = ${id} and a.machine_ref = ${ref}
      and a.deactivated_at is null`;
  // Of the live machines, those holding a reservation: each probed by index. An EXISTS inside an
  // aggregate's filter is never pulled up into a join, so the planner cannot pick a hash join that
  // reads all of the line's activations (100,000 rows for ~1,000 live sessions in the admin bench).
  const reservedBusy = line.reservesMachines
    ? sql`count(*) filter (where exists (${reservation(sql`l.machine_ref`)}))`
    : sql`0`;
  // Reservations of machines with no live session: the kept count less those that run one.
  const idleReservations = line.reservesMachines
    ? sql`+ coalesce((select c.machines from live_machine_counts c where c.subscription_id = ${id}), 0)
        - busy.reserved`
    : sql``;
  const notReserved = line.reservesMachines ? sql`and not exists (${reservation(sql`m.id`)})` : sql``;
  // `live`: the line's live sessions read once, one row per machine with its session count; `busy`:
  // one pass over it for the session total and the reserved machines among them.
  return sql<number>`(with live as (
      select s.machine_ref, count(*) as n from sessions s where s.subscription_id = ${id}
        and ${liveSession('s', now, ttlSeconds)} group by s.machine_ref),
    busy as (select coalesce(sum(l.n), 0) as sessions, ${reservedBusy} as reserved from live l)
    select (busy.sessions ${idleReservations}
      + (select count(distinct o.machine_id) from offline_licenses o
          left join machines m on m.org_id = (select org_id from subscriptions where id = ${id})
            and m.machine_id = o.machine_id
          where o.subscription_id = ${id} and o.expires_at > ${new Date(now)}
            and (m.id is null or (not exists (select 1 from live l where l.machine_ref = m.id) ${notReserved}))))::int
    from busy)`;
}
