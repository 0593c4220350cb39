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
  // Of the live machines, those holding a reservation on this line: read from the sessions' kept
  // on_reservation flag (migration 20261201T0900), not probed in the activations index per machine.
  const reservedBusy = line.reservesMachines
    ? sql`count(distinct s.machine_ref) filter (where s.on_reservation)`
    : sql`0`;
  // Reservations of machines with no live session: the kept count less those that run one.
  const idleReservations = line.reservesMachines
    ? sql`+ coalesce((select c.machines from live_machine_counts c where c.subscription_id = ${id}), 0)
        - busy.reserved`
    : sql``;
  // An offline file's machine with no live session: is it reserved? (one probe per file; files are few)
  const notReserved = line.reservesMachines
    ? sql`and not exists (select 1 from activations a where a.subscription_id = ${id} and a.machine_ref = m.id
        and a.deactivated_at is null)`
    : sql``;
  // `busy`: one pass over the line's live sessions for their total and the reserved machines among them.
  return sql<number>`(select (busy.sessions ${idleReservations}
      + (select count(distinct o.machine_id) from offline_licenses o
          left join machines m on m.org_id = (select org_id from subscriptions where id = ${id})
            and m.machine_id = o.machine_id
          where o.subscription_id = ${id} and o.expires_at > ${new Date(now)}
            and (m.id is null or (not exists (select 1 from sessions l where l.subscription_id = ${id}
              and l.machine_ref = m.id and ${liveSession('l', now, ttlSeconds)}) ${notReserved}))))::int
    from (select count(*) as sessions, ${reservedBusy} as reserved from sessions s
      where s.subscription_id = ${id} and ${liveSession('s', now, ttlSeconds)}) busy)`;
}
