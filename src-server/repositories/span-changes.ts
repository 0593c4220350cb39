import { sql, type RawBuilder } from 'kysely';
import type { UsageLine } from './line-units';
import { hasSweepSpans, sweepSpanRows, type SpanRange } from './use-spans';

// The span half of the utilization chart's sweep (usage-sweep.ts): the spans of use of the lines
// (use-spans.ts `sweepSpanRows`) turned into changes of the number of licenses used, per instant. It
// mirrors shared/domain/concurrent-use.ts `concurrentUse` step by step: events in whole milliseconds;
// per holder key and instant, units = max(held, sessions) (shared/domain/line-use.ts `machineLicenses`)
// after all its events there, and the change from before. A key with a single well-ordered span skips
// the per-key step (its units are 1 while it runs): one aggregate over the spans tells which keys
// those are, and only the others' spans are hashed into the per-key step.

/**
 * SQL over the signed spans `sp0`: the machines whose use is exactly their reservation, which the kept
 * history already counts, so their spans (+1 and -1) cancel and are left out of the per-machine step:
 * one forward reservation and one session inside it (the machine is reserved whenever the session
 * runs, so max(held, sessions) is the reservation alone), the reservation ending before `to` or not at
 * all (the -1 copy is not cut at the end then). Sessions known to run inside a reservation never reach
 * here (use-spans.ts); this catches the others of that shape.
 */
const quietMachines = (to: RawBuilder<unknown>) => {
  const hold = sql`sign = 1 and kind = 'hold'`;
  const session = sql`sign = 1 and kind = 'session'`;
  return sql`select line, key from sp0 group by line, key
    having count(*) = 3 and count(*) filter (where sign = -1) = 1 and count(*) filter (where ${hold}) = 1
      and count(*) filter (where ${session}) = 1 and bool_and(u is null or u >= f)
      and min(f) filter (where ${session}) >= min(f) filter (where ${hold})
      and (bool_or(u is null) filter (where ${hold})
        or (min(u) filter (where ${hold}) < ${to} and bool_and(u is not null) filter (where ${session})
          and min(u) filter (where ${session}) <= min(u) filter (where ${hold})))`;
};

const ms = (column: string) => sql`date_trunc('milliseconds', ${sql.ref(column)})`;

/** The sweep's span rows of one line: line, key, kind, from and until in whole ms, sign. */
const lineSpans = (l: UsageLine, range: SpanRange & { pastEnd: boolean }) =>
  sql`select ${l.id}::uuid as line, x.key, x.kind,
    ${ms('x.from')} as f, ${ms('x.until')} as u, x.sign from (${sweepSpanRows(l, range)}) x`;

/**
 * SQL: the ids of the lines among `lines` that have spans for the sweep over the range. A chart whose
 * lines have none (reserved machines only, each session inside a reservation) is swept from the kept
 * history alone, a much smaller statement.
 */
export function linesWithSpans(
  lines: readonly UsageLine[],
  range: SpanRange & { pastEnd: boolean },
): RawBuilder<{ line: string }> {
  return sql<{ line: string }>`${sql.join(
    lines.map((l) => sql`select ${l.id}::text as line where ${hasSweepSpans(l, range)}`),
    sql` union all `,
  )}`;
}

/**
 * The CTEs (each starting with a comma) that sweep the spans of `lines`, and the SQL of their changes:
 * rows (at timestamptz, d) for the sweep's `kd`. Lines without spans give nothing here.
 */
export function spanChanges(
  lines: readonly UsageLine[],
  range: SpanRange & { pastEnd: boolean },
): { ctes: RawBuilder<unknown>; changes: RawBuilder<unknown> } {
  return {
    ctes: sql`, sp0 as materialized (${sql.join(
      lines.map((l) => lineSpans(l, range)),
      sql` union all `,
    )}
    ), quiet as (
      ${quietMachines(sql`${new Date(range.to)}`)}
    ), sp as materialized (
      select * from sp0 where (line, key) not in (select line, key from quiet)
    ), keyed as materialized (
      select line, key, sign, count(*) = 1 and coalesce(bool_and(u >= f), true) as solo, min(f) as f,
        min(u) as u
      from sp group by line, key, sign
    ), shared as (
      select line, key, sign from keyed where not solo
    ), solo as (
      select f, u, sign from keyed where solo
    ), ev as (
      select line, key, sign, f as at, (kind = 'hold')::int as dh, (kind = 'session')::int as ds
        from sp where (line, key, sign) in (select line, key, sign from shared)
      union all
      select line, key, sign, u, -(kind = 'hold')::int, -(kind = 'session')::int
        from sp where u is not null and (line, key, sign) in (select line, key, sign from shared)
    ), kc as (
      select line, key, sign, at, sum(dh) as dh, sum(ds) as ds from ev group by line, key, sign, at
    ), ku as (
      select line, key, sign, at, greatest((sum(dh) over w > 0)::int, sum(ds) over w) as units
      from kc window w as (partition by line, key, sign order by at rows unbounded preceding)
    )`,
    changes: sql`select at, sign * (units - coalesce(lag(units) over (partition by line, key, sign order by at), 0)) as d
        from ku
      union all select f, sum(sign) from solo group by f
      union all select u, -sum(sign) from solo where u is not null group by u`,
  };
}
