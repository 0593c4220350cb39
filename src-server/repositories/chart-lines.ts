import { sql, type Kysely } from 'kysely';
import type { LineUse } from '../../shared/domain/line-use';
import type { Database } from '../db/schema';
import type { UsageLine } from './line-units';
import { usedLicensesJson, usedLicensesOf } from './usage';

// The utilization chart's lines and its `now` in one statement (each statement is a round trip on
// PostgreSQL and a parse and plan on PGlite): every line the holder ever had of the product, whose
// quotas the chart draws over time, and what License Management counts of its running lines now.

/** A line of the chart: its quota from its start to its end or replacement. */
export interface ChartLine {
  readonly id: string;
  readonly license_kind: Database['subscriptions']['license_kind'];
  readonly quota: number;
  readonly starts_at: Date;
  readonly ends_at: Date;
  readonly replaced_at: Date | null;
}

/**
 * Every line of `productId` that `holderId` has had (R13: a sub-organization charts the lines it
 * draws on) and the licenses its running lines `running` use now (R9, `usedLicenses` of each, summed).
 */
export async function chartLines(
  db: Kysely<Database>,
  q: { holderId: string; productId: string; running: readonly UsageLine[]; now: number; ttlSeconds: number },
): Promise<{ lines: ChartLine[]; used: number }> {
  const now = q.running.length
    ? sql`json_build_array(${sql.join(q.running.map((l) => usedLicensesJson(l, q.now, q.ttlSeconds)))})`
    : sql`'[]'::json`;
  const rows = await sql<ChartLine & { id: string | null; now_use: Partial<LineUse>[] }>`
    select s.id, s.license_kind, s.quota, s.starts_at, s.ends_at, r.starts_at as replaced_at, n.now_use
    from (select ${now} as now_use) n
    left join subscriptions s on s.org_id = ${q.holderId} and s.product_id = ${q.productId}
    left join subscriptions r on r.id = s.replaced_by`.execute(db);
  const nowUse = rows.rows[0]?.now_use ?? [];
  return {
    lines: rows.rows.flatMap(({ id, license_kind, quota, starts_at, ends_at, replaced_at }) =>
      id === null ? [] : [{ id, license_kind, quota, starts_at, ends_at, replaced_at }],
    ),
    used: q.running.reduce((sum, line, i) => sum + usedLicensesOf(line, nowUse[i] ?? {}), 0),
  };
}
