import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import { LicenseKindSchema } from '../../shared/catalog/product';
import {
  licensesUsed,
  MEASURE_COUNTS,
  USE_MEASURE,
  type LineUse,
  type MachineHolding,
} from '../../shared/domain/line-use';
import type { Database } from '../db/schema';
import { lineMachineRef, type UsageLine } from './line-units';
import { machineLicenseCount } from './machine-license-count';
import { liveSession } from './session-liveness';

// One home for "what does this subscription line use now": the counts by kind of use (one
// statement), the rows the model rules decide from, and R9's total via shared/domain/line-use.ts.

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

/**
 * Sessions still holding a license: not ended and heard from within the TTL (stale ones await
 * culling); only `only.userId`'s (R19 reads one user's session) or `only.machineRef`'s when given.
 */
export function liveSessions(
  trx: Trx,
  subscriptionId: string,
  now: number,
  ttlSeconds: number,
  only: { userId?: string; machineRef?: string } = {},
) {
  let q = trx
    .selectFrom('sessions as s')
    .innerJoin('machines as m', 'm.id', 's.machine_ref')
    .select(['s.id', 's.machine_ref', 's.user_id', 's.slot', 's.application_id', 'm.machine_id'])
    .where('s.subscription_id', '=', subscriptionId)
    .where(liveSession('s', now, ttlSeconds));
  if (only.userId !== undefined) q = q.where('s.user_id', '=', only.userId);
  if (only.machineRef !== undefined) q = q.where('s.machine_ref', '=', only.machineRef);
  return q.execute();
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

/** The SQL of each count of a line's use (machines from live_machine_counts, kept exact by triggers on
 * activations: migration 20261123T1420; machine licenses from machine-license-count.ts). */
function useCounts(
  line: UsageLine,
  now: number,
  ttlSeconds: number,
): Record<keyof LineUse, RawBuilder<number>> {
  const id = line.id;
  return {
    reservedMachines: sql`coalesce((select c.machines from live_machine_counts c where c.subscription_id = ${id}), 0)`,
    seats: sql`(select count(*)::int from seat_assignments where subscription_id = ${id})`,
    liveSessions: sql`(select count(*)::int from sessions s where s.subscription_id = ${id}
        and ${liveSession('s', now, ttlSeconds)})`,
    applications: sql`(select count(distinct s.application_id)::int from sessions s where s.subscription_id = ${id}
        and s.application_id is not null and ${liveSession('s', now, ttlSeconds)})`,
    offlineLicenses: sql`(select count(*)::int from offline_licenses o where o.subscription_id = ${id}
        and o.expires_at > ${new Date(now)})`,
    machineLicenses: machineLicenseCount(line, now, ttlSeconds),
  };
}

const NO_USE: LineUse = {
  seats: 0,
  reservedMachines: 0,
  liveSessions: 0,
  offlineLicenses: 0,
  applications: 0,
  machineLicenses: 0,
};

/** The select-list columns counting the named measures of a line, each named after its measure. */
const useColumns = (
  line: UsageLine,
  names: readonly (keyof LineUse)[],
  q: { now: number; ttlSeconds: number },
): RawBuilder<unknown>[] => {
  const counts = useCounts(line, q.now, q.ttlSeconds);
  return names.map((name) => sql`${counts[name]} as ${sql.ref(name)}`);
};

/** The measures a line's kind uses (line-use.ts `MEASURE_COUNTS`). */
const measuresOf = (line: UsageLine) => MEASURE_COUNTS[USE_MEASURE[LicenseKindSchema.parse(line.kind)]];

/** A row of `useColumns` as a LineUse: the measures it did not count are 0. */
export const asLineUse = (row: Partial<LineUse> | undefined): LineUse => ({ ...NO_USE, ...row });

/** Counts the named measures of a line in one statement; the others are 0. */
async function countUse(
  db: Kysely<Database>,
  line: UsageLine,
  names: readonly (keyof LineUse)[],
  q: { now: number; ttlSeconds: number },
): Promise<LineUse> {
  const row = await sql<Partial<LineUse>>`select ${sql.join(useColumns(line, names, q))}`.execute(db);
  return asLineUse(row.rows[0]);
}

/**
 * What License Management shows of a line now, as select-list columns (read with `asLineUse`): the
 * measures its kind's use is made of (line-use.ts `MEASURE_COUNTS`) and its reserved machines (R16's
 * registered machines). Counting only these keeps the read to what the screen shows; a caller adds
 * its own columns to the same statement.
 */
export const lineUseColumns = (line: UsageLine, now: number, ttlSeconds: number): RawBuilder<unknown>[] => {
  const measures = measuresOf(line);
  return useColumns(line, [...new Set([...measures, 'reservedMachines' as const])], { now, ttlSeconds });
};

/**
 * Licenses already used (R9): what grants, activations, checkouts and offline creation compare to
 * the quota. Counts only what the kind's measure reads (line-use.ts `MEASURE_COUNTS`).
 */
export async function usedLicenses(
  db: Kysely<Database>,
  line: UsageLine,
  now: number,
  ttlSeconds: number,
): Promise<number> {
  const measures = measuresOf(line);
  return usedLicensesOf(line, await countUse(db, line, measures, { now, ttlSeconds }));
}

/**
 * SQL: what `usedLicenses` counts of a line, as a json object of the measures (read with
 * `usedLicensesOf`), for a statement that reads it beside other things (the chart's `now`).
 */
export function usedLicensesJson(
  line: UsageLine,
  now: number,
  ttlSeconds: number,
): RawBuilder<Partial<LineUse>> {
  const counts = useCounts(line, now, ttlSeconds);
  const names = measuresOf(line);
  return sql<
    Partial<LineUse>
  >`json_build_object(${sql.join(names.map((n) => sql`${sql.lit(n)}::text, ${counts[n]}`))})`;
}

/** Licenses a line uses (R9) from a row of `usedLicensesJson`: the number `usedLicenses` gives. */
export const usedLicensesOf = (line: UsageLine, use: Partial<LineUse>): number =>
  licensesUsed(LicenseKindSchema.parse(line.kind), asLineUse(use));

/**
 * SQL: whether one machine ID holds a license of the line by itself (line-use.ts `MachineHolding.held`,
 * R9, R22, R25): an unexpired offline file for the ID, or on a reserving line a live activation of
 * `ref` (the ID's machine row of the line's organization).
 */
export function machineHeld(
  line: UsageLine,
  machine: { machineId: string; ref: RawBuilder<unknown> | string },
  now: number,
): RawBuilder<boolean> {
  return sql<boolean>`(exists (select 1 from offline_licenses o where o.subscription_id = ${line.id}
      and o.machine_id = ${machine.machineId} and o.expires_at > ${new Date(now)})
    or (${sql.lit(line.reservesMachines)} and exists (select 1 from activations a
      where a.subscription_id = ${line.id} and a.machine_ref = ${machine.ref} and a.deactivated_at is null)))`;
}

/**
 * What one machine ID holds of a line now (R9, R22): an offline file or reservation, and its live
 * sessions. The ID is found among the line's organization's machines first (every activation and
 * session of a line is on one of them), so the reservation is one index probe, not a scan of the line.
 */
export async function machineHolding(
  db: Kysely<Database>,
  line: UsageLine,
  machineId: string,
  q: { now: number; ttlSeconds: number },
): Promise<MachineHolding> {
  const ref = lineMachineRef(line.id, machineId);
  const row = await sql<{ held: boolean; sessions: number }>`
    select ${machineHeld(line, { machineId, ref }, q.now)} as held,
      (select count(*)::int from sessions s where s.subscription_id = ${line.id} and s.machine_ref = ${ref}
        and ${liveSession('s', q.now, q.ttlSeconds)}) as sessions`.execute(db);
  return row.rows[0] ?? { held: false, sessions: 0 };
}
