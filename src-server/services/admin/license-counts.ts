import { sql, type Kysely } from 'kysely';
import { LicenseKindSchema } from '../../../shared/catalog/product';
import { licensesUsed, USE_MEASURE } from '../../../shared/domain/line-use';
import type { Database } from '../../db/schema';
import type { UsageLine } from '../../repositories/line-units';
import { lineUse } from '../../repositories/usage';

/** What one subscription line uses, as License Management shows it (R9, R16). */
export interface LineUsage {
  /** Licenses used, online and offline (R9), by the one definition enforcement compares to the quota. */
  readonly used: number;
  /** Machine IDs bound to unexpired offline licenses (few: each is a file an admin made by hand). */
  readonly offlineMachineIds: readonly string[];
  /** Registered machines: online machine IDs ∪ offline machine IDs (R16). */
  readonly registered: number;
}

/**
 * License Management's numbers for a line, from the same counts enforcement reads (usage.ts
 * `lineUse`, shared/domain/line-use.ts `licensesUsed`), plus the R16 machine union.
 */
export async function lineUsage(
  db: Kysely<Database>,
  line: UsageLine,
  orgId: string,
  now: number,
  ttlSeconds: number,
): Promise<LineUsage> {
  const at = new Date(now);
  const kind = LicenseKindSchema.parse(line.kind);
  const use = await lineUse(db, line, now, ttlSeconds);
  const countsOffline = USE_MEASURE[kind] !== 'applications';
  const offlineOnly = await sql<{ n: number }>`
    select count(distinct o.machine_id)::int as n from offline_licenses o
      where o.subscription_id = ${line.id} and o.expires_at > ${at} and not exists (
        select 1 from activations a join machines m on m.id = a.machine_ref
        where a.subscription_id = ${line.id} and a.deactivated_at is null
          and m.org_id = ${orgId} and m.machine_id = o.machine_id)`.execute(db);
  const offline = countsOffline
    ? await db
        .selectFrom('offline_licenses')
        .select('machine_id')
        .where('subscription_id', '=', line.id)
        .where('expires_at', '>', at)
        .execute()
    : [];
  return {
    used: licensesUsed(kind, use),
    offlineMachineIds: offline.map((o) => o.machine_id),
    registered: use.reservedMachines + (countsOffline ? (offlineOnly.rows[0]?.n ?? 0) : 0),
  };
}
