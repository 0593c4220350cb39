import { sql, type Kysely } from 'kysely';
import { LicenseKindSchema } from '../../../shared/catalog/product';
import { licensesUsed, USE_MEASURE, type LineUse } from '../../../shared/domain/line-use';
import type { Database } from '../../db/schema';
import type { UsageLine } from '../../repositories/line-units';
import { asLineUse, lineUseColumns } from '../../repositories/usage';

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
 * License Management's numbers for a line in one statement: the same counts enforcement reads
 * (usage.ts `lineUseColumns`, shared/domain/line-use.ts `licensesUsed`), plus the R16 machine union.
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
  // Offline files beside the use counts: the machine IDs bound to one, and how many of them hold no
  // live activation (a kind counted by applications under test reads no files).
  const files =
    USE_MEASURE[kind] === 'applications'
      ? sql`0 as offline_only, array[]::text[] as machine_ids`
      : sql`(select count(distinct o.machine_id)::int from offline_licenses o
            where o.subscription_id = ${line.id} and o.expires_at > ${at} and not exists (
              select 1 from activations a join machines m on m.id = a.machine_ref
              where a.subscription_id = ${line.id} and a.deactivated_at is null
                and m.org_id = ${orgId} and m.machine_id = o.machine_id)) as offline_only,
          array(select o.machine_id from offline_licenses o
            where o.subscription_id = ${line.id} and o.expires_at > ${at}) as machine_ids`;
  const result = await sql<Partial<LineUse> & { offline_only: number; machine_ids: string[] }>`
    select ${sql.join([...lineUseColumns(line, now, ttlSeconds), files])}`.execute(db);
  const row = result.rows[0];
  const use = asLineUse(row);
  return {
    used: licensesUsed(kind, use),
    offlineMachineIds: row?.machine_ids ?? [],
    registered: use.reservedMachines + (row?.offline_only ?? 0),
  };
}
