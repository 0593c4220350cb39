import { sql, type RawBuilder } from 'kysely';
import type { LineUse } from '../../shared/domain/line-use';
import type { UsageLine } from './line-units';
import { usedLicensesJson, usedLicensesOf } from './usage';

// The utilization chart's `now`: what License Management counts of the running lines (R9,
// `usedLicenses` of each, summed), as one SQL value the sweep's first statement reads beside its own
// (usage-sweep.ts `sweepUsageBeside`): each statement is a round trip on PostgreSQL and a parse and
// plan on PGlite.

/** SQL: the measures `usedLicenses` counts of each running line, a json array in the order of `running`. */
export function nowUse(
  running: readonly UsageLine[],
  now: number,
  ttlSeconds: number,
): RawBuilder<Partial<LineUse>[]> {
  return running.length
    ? sql`json_build_array(${sql.join(running.map((l) => usedLicensesJson(l, now, ttlSeconds)))})`
    : sql`'[]'::json`;
}

/** The licenses the running lines use now, from a row of `nowUse`: the sum of their `usedLicenses`. */
export const usedNow = (running: readonly UsageLine[], use: readonly Partial<LineUse>[]): number =>
  running.reduce((sum, line, i) => sum + usedLicensesOf(line, use[i] ?? {}), 0);
