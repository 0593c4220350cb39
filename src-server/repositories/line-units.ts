import { sql, type RawBuilder } from 'kysely';
import type { Product } from '../../shared/catalog/product';
import { LicenseKindSchema } from '../../shared/catalog/product';
import { reservesMachine, USE_MEASURE } from '../../shared/domain/line-use';
import type { Database } from '../db/schema';
import { liveSession } from './session-liveness';

// The one SQL form of "which licenses a line uses now" (shared/domain/line-use.ts): one row per
// holder of licenses with its user (or, for an offline file made for the organization, its
// organization) and how many it holds. The line's total (usage.ts `lineUseColumns`), License Management
// and the organization tree all sum these rows.

/** A subscription line as usage counts it: its id, license kind, and whether activation reserves a machine. */
export interface UsageLine {
  readonly id: string;
  readonly kind: Database['subscriptions']['license_kind'];
  readonly reservesMachines: boolean;
}

/**
 * SQL: the id of the machine row a machine ID has in the line's organization (null when it has none).
 * Every activation and session of a line is on one of these rows (machines.ts `upsertMachine`), and
 * (organization, machine ID) is unique, so the row stands for the machine ID among the line's holders.
 */
export const lineMachineRef = (
  lineId: string,
  machineId: RawBuilder<unknown> | string,
): RawBuilder<string | null> =>
  sql<string | null>`(select m.id from machines m
    where m.org_id = (select org_id from subscriptions where id = ${lineId}) and m.machine_id = ${machineId})`;

/** The usage view of a line of a product (R22: machine-bound session products reserve at activation). */
export const usageLine = (
  line: { id: string; kind: Database['subscriptions']['license_kind'] },
  product: Pick<Product, 'offline'>,
): UsageLine => ({
  id: line.id,
  kind: line.kind,
  reservesMachines: reservesMachine(LicenseKindSchema.parse(line.kind), product.offline !== null),
});

/**
 * R9, R21, R22, R25, R26: per machine ID, max(held, live sessions), where held means an unexpired
 * offline file or a reserving activation; a machine with both is one license. It is charged to the
 * user who uses it online (reservation or session), else to its offline file's user or organization.
 */
export function machineRows(line: UsageLine, now: number, ttlSeconds: number): RawBuilder<unknown> {
  const reservations = line.reservesMachines
    ? sql`select m.machine_id, a.user_id::text as user_id, null::text as org_id, 1 as held, 0 as sessions, 0 as prio
        from activations a join machines m on m.id = a.machine_ref
        where a.subscription_id = ${line.id} and a.deactivated_at is null union all`
    : sql``;
  return sql`select (array_agg(x.user_id order by x.prio, x.user_id) filter (where x.user_id is not null))[1] as user_id,
      min(x.org_id) as org_id, greatest(max(x.held), sum(x.sessions))::int as units
    from (${reservations}
      select o.machine_id, o.user_id::text as user_id, o.org_id::text as org_id, 1 as held, 0 as sessions,
        1 as prio from offline_licenses o
        where o.subscription_id = ${line.id} and o.expires_at > ${new Date(now)}
      union all
      select m.machine_id, s.user_id::text, null::text, 0, 1, 0 from sessions s join machines m on m.id = s.machine_ref
        where s.subscription_id = ${line.id} and ${liveSession('s', now, ttlSeconds)}) x
    group by x.machine_id`;
}

/** The licenses a line uses, as rows (user_id, org_id, units) per the kind's measure (R9). */
export function unitRows(line: UsageLine, now: number, ttlSeconds: number): RawBuilder<unknown> {
  const kind = LicenseKindSchema.parse(line.kind);
  const measure = USE_MEASURE[kind];
  if (measure === 'machines') return machineRows(line, now, ttlSeconds);
  if (measure === 'applications')
    return sql`select min(s.user_id::text) as user_id, null::text as org_id, 1 as units from sessions s
      where s.subscription_id = ${line.id} and s.application_id is not null
      and ${liveSession('s', now, ttlSeconds)} group by s.application_id`;
  return sql`select user_id::text as user_id, null::text as org_id, 1 as units from seat_assignments
      where subscription_id = ${line.id}
    union all
    select o.user_id::text, o.org_id::text, 1 from offline_licenses o
      where o.subscription_id = ${line.id} and o.expires_at > ${new Date(now)}`;
}
