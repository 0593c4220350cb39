import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema';
import type { UsageLine } from './line-units';
import { readsReservationHistory, sweepSpanRows, type SpanRange } from './use-spans';

// The utilization chart's sweep in one SQL statement, so the server reads one row per bucket instead of
// every span of the range. It mirrors shared/domain/concurrent-use.ts `concurrentUse` step by step (the
// property test in test/server/usage-sweep.test.ts holds them equal): events in whole milliseconds;
// per holder key and instant, units = max(held, sessions) (shared/domain/line-use.ts `machineLicenses`)
// after all its events there, and the change from before; a running total over instants; per bucket,
// the total at its start, the peak inside it, and the area (licenses × ms) up to its end. A key with a
// single well-ordered span skips the per-key step (its units are 1 while it runs): one aggregate over
// the spans tells which keys those are, and only the others' spans are hashed into the per-key step.
// Lines and keys are uuids (use-spans.ts) and the sorts get 32 MB, as a chart reads every span of its
// range once. On lines whose reservations are kept as history (use-spans.ts `readsReservationHistory`),
// the reserved machines' level comes from reservation_changes, and spans carry a sign: the machines
// that also ran sessions or hold offline files are swept with their reservations (+1) and have those
// reservations taken back out (-1), since the history counts them already.

/**
 * SQL over the signed spans `sp0`: the machines whose use is exactly their reservation, which the kept
 * history already counts, so their spans (+1 and -1) cancel and are left out of the per-machine step:
 * one forward reservation and one session inside it (the machine is reserved whenever the session
 * runs, so max(held, sessions) is the reservation alone), the reservation ending before `to` or not at
 * all (the -1 copy is not cut at the end then). The most common machine of a KRE line, reserved and
 * running its session, is one of them.
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

/** One bucket of the sweep: its start, the total at the start, the peak inside, licenses × ms. */
export interface SweptBucket {
  readonly at: number;
  readonly level: number;
  readonly peak: number;
  readonly area: number;
}

interface Row {
  at: string;
  level: number;
  peak: number;
  area: string;
}

const ms = (column: string) => sql`date_trunc('milliseconds', ${sql.ref(column)})`;
const epochMs = (column: string) => sql`floor(extract(epoch from ${sql.ref(column)}) * 1000)::bigint`;

/**
 * Per bucket i (from `starts[i]` to `starts[i + 1]`, the last to `end`), what `concurrentUse` computes
 * from `useSpans` of the lines over [starts[0], end): `bucketUse` (concurrent-use.ts) turns it into the chart.
 * A key with one well-ordered span in the range (most machines) adds 1 while it runs, without a per-key sweep.
 */
export async function sweepUsage(
  db: Kysely<Database>,
  lines: readonly UsageLine[],
  range: SweepRange,
): Promise<SweptBucket[]> {
  if (range.starts.length === 0) return [];
  const rows = await db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '32MB'`.execute(trx);
    // The planner's cost estimate of the sweep is high enough to start PostgreSQL's JIT compiler, which
    // took ~130 ms of a 155 ms chart at the admin bench's shape (the sweep itself ran in ~25 ms).
    await sql`set local jit = off`.execute(trx);
    return sweepStatement(lines, range).execute(trx);
  });
  return rows.rows.map((r) => ({ at: Number(r.at), level: r.level, peak: r.peak, area: Number(r.area) }));
}

/** The buckets of a chart, the end of its last, and the instant its running sessions are judged live at. */
export interface SweepRange {
  readonly starts: readonly number[];
  readonly end: number;
  readonly now: number;
  readonly ttlSeconds: number;
}

/** The sweep's one statement (`sweepUsage` runs it; the plan test reads which rows it visits). */
export function sweepStatement(lines: readonly UsageLine[], range: SweepRange): RawBuilder<Row> {
  const spanRange: SpanRange = { ...range, from: range.starts[0] ?? range.end, to: range.end };
  const pastEnd = range.starts.some((s) => s >= range.end);
  const lineSpans = (l: UsageLine) =>
    sql`select ${l.id}::uuid as line, x.key, x.kind,
      ${ms('x.from')} as f, ${ms('x.until')} as u, x.sign from (${sweepSpanRows(l, { ...spanRange, pastEnd })}) x`;
  const spans = lines.length
    ? sql.join(lines.map(lineSpans), sql` union all `)
    : sql`select null::uuid as line, null::uuid as key, null::text as kind, null::timestamptz as f,
        null::timestamptz as u, 1 as sign where false`;
  // The reserved machines of the lines whose history is kept: their changes up to the end, those
  // before the range summed at its start (the level there is what matters, not when it was reached).
  const kept = lines.filter(readsReservationHistory).map((l) => l.id);
  const history = kept.length
    ? sql`union all select greatest(h.at, ${new Date(spanRange.from)}), sum(h.d) from reservation_changes h
        where h.subscription_id in (${sql.join(kept.map((id) => sql`${id}::uuid`))}) and h.at < ${new Date(spanRange.to)}
        group by 1`
    : sql``;
  const end = sql`${String(range.end)}::bigint`;
  return sql<Row>`
    with bu0 as (
      select e.v::bigint as s, e.i::int as i
      from jsonb_array_elements_text(${JSON.stringify(range.starts.map(String))}::jsonb) with ordinality as e(v, i)
    ), bu as (
      select i, s, least(coalesce(lead(s) over (order by i), ${end}), ${end}) as u from bu0
    ), sp0 as materialized (${spans}
    ), quiet as (
      ${quietMachines(sql`${new Date(spanRange.to)}`)}
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
    ), kd as (
      select at, sign * (units - coalesce(lag(units) over (partition by line, key, sign order by at), 0)) as d
        from ku
      union all select f, sum(sign) from solo group by f
      union all select u, -sum(sign) from solo where u is not null group by u
      ${history}
    ), ch as (
      select ${epochMs('at')} as at, sum(d) as d from kd group by at
    ), inst as (
      select at, sum(d) as d, max(i) as si from (
        select at, d, null::int as i from ch
        union all select s, 0, i from bu
        union all select ${end}, 0, null) x
      group by at
    ), lv as (
      select at, sum(d) over o as level, max(si) over o as bi, lead(at) over (order by at) as next_at
      from inst window o as (order by at rows unbounded preceding)
    ), agg as (
      select bu.i, max(lv.level) filter (where lv.at > bu.s and lv.at < bu.u) as peak,
        sum(lv.level * (least(lv.next_at, bu.u) - lv.at)) filter (where lv.at < bu.u) as area
      from bu join lv on lv.bi = bu.i group by bu.i
    )
    select bu.s::text as at, st.level::int as level,
      greatest(st.level, coalesce(agg.peak, st.level))::int as peak, coalesce(agg.area, 0)::text as area
    from bu join lv st on st.at = bu.s left join agg on agg.i = bu.i
    order by bu.i`;
}
