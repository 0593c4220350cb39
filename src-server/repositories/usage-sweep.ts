import { sql, type Kysely, type RawBuilder } from 'kysely';
import { keptPlan } from '../db/kept-plans';
import type { Database } from '../db/schema';
import type { UsageLine } from './line-units';
import { linesWithSpans, spanChanges } from './span-changes';
import { readsReservationHistory, type SpanRange } from './use-spans';

// The utilization chart's sweep in one SQL statement, so the server reads one row per bucket instead of
// every span of the range. Changes of the number of licenses used, per instant, come from the spans
// (span-changes.ts, which mirrors shared/domain/concurrent-use.ts `concurrentUse`; the property test in
// test/server/usage-sweep.test.ts holds them equal) and, on lines whose reservations are kept as
// history (use-spans.ts `readsReservationHistory`), from reservation_changes; then a running total over
// instants, and per bucket the total at its start, the peak inside it, and the area (licenses × ms) up
// to its end. A first statement asks which lines have spans to sweep at all and sweeps the kept history
// alone: when no line has spans (reserved machines only, each session inside a reservation), that is
// the chart, and the span steps are never planned (planning them cost more than running them: PGlite
// ~7 of ~13 ms at the admin bench's shape); otherwise a second statement sweeps with them.

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

/**
 * Per bucket i (from `starts[i]` to `starts[i + 1]`, the last to `end`), what `concurrentUse` computes
 * from `useSpans` of the lines over [starts[0], end): `bucketUse` (concurrent-use.ts) turns it into the chart.
 */
export async function sweepUsage(
  db: Kysely<Database>,
  lines: readonly UsageLine[],
  range: SweepRange,
): Promise<SweptBucket[]> {
  return (await sweepUsageBeside(db, lines, range, sql`null`)).buckets;
}

/**
 * `sweepUsage`, with `beside` (a SQL value the caller needs too, the chart's `now`) read in its first
 * statement. That statement asks which lines have spans to sweep and sweeps the kept history alone;
 * when no line has spans (reserved machines only, each session inside a reservation) that is the
 * answer, in one statement. Otherwise a second statement sweeps the spans as well.
 */
export async function sweepUsageBeside<T>(
  db: Kysely<Database>,
  lines: readonly UsageLine[],
  range: SweepRange,
  beside: RawBuilder<T>,
): Promise<{ buckets: SweptBucket[]; beside: T }> {
  const busy = lines.length ? sql`array(${linesWithSpans(lines, spanRangeOf(range))})` : sql`'{}'::text[]`;
  const kept = range.starts.length
    ? sql`(select json_agg(b) from (${sweepStatement(lines, range, [])}) b)`
    : sql`'[]'::json`;
  const first = await keptPlan(sql<{ busy: string[]; kept: Row[] | null; beside: T }>`
    select ${busy} as busy, ${kept} as kept, ${beside} as beside`).execute(db);
  const row = first.rows[0];
  if (row === undefined) throw new Error('the sweep statement returned no row');
  const withSpans = lines.filter((l) => row.busy.includes(l.id));
  if (withSpans.length === 0 || range.starts.length === 0)
    return { buckets: bucketsOf(row.kept ?? []), beside: row.beside };
  // Sweeping spans sorts every span of the range once: sorts get 32 MB for that statement.
  const swept = await db.transaction().execute(async (trx) => {
    await sql`select set_config('work_mem', '32MB', true)`.execute(trx);
    return keptPlan(sweepStatement(lines, range, withSpans)).execute(trx);
  });
  return { buckets: bucketsOf(swept.rows), beside: row.beside };
}

/** The sweep's rows as buckets, in the order of their starts. */
const bucketsOf = (rows: readonly Row[]): SweptBucket[] =>
  rows
    .map((r) => ({ at: Number(r.at), level: r.level, peak: r.peak, area: Number(r.area) }))
    .sort((a, b) => a.at - b.at);

/** The buckets of a chart, the end of its last, and the instant its running sessions are judged live at. */
export interface SweepRange {
  readonly starts: readonly number[];
  readonly end: number;
  readonly now: number;
  readonly ttlSeconds: number;
}

/** The range the spans are read over; `pastEnd`: a bucket starts at or after the end (use-spans.ts). */
const spanRangeOf = (range: SweepRange): SpanRange & { pastEnd: boolean } => ({
  ...range,
  from: range.starts[0] ?? range.end,
  to: range.end,
  pastEnd: range.starts.some((s) => s >= range.end),
});

const epochMs = (column: string) => sql`floor(extract(epoch from ${sql.ref(column)}) * 1000)::bigint`;

/**
 * The sweep's one statement (`sweepUsage` runs it; the plan test reads which rows it visits): spans of
 * the lines in `withSpans` (all by default), reserved machines from the kept history of every line that
 * keeps one.
 */
export function sweepStatement(
  lines: readonly UsageLine[],
  range: SweepRange,
  withSpans: readonly UsageLine[] = lines,
): RawBuilder<Row> {
  const spanRange = spanRangeOf(range);
  const spans = withSpans.length ? spanChanges(withSpans, spanRange) : null;
  // The reserved machines of the lines whose history is kept: their changes up to the end, those
  // before the range summed at its start (the level there is what matters, not when it was reached).
  const kept = lines.filter(readsReservationHistory).map((l) => l.id);
  const history = kept.length
    ? sql`select greatest(h.at, ${new Date(spanRange.from)}) as at, sum(h.d) as d from reservation_changes h
        where h.subscription_id in (${sql.join(kept.map((id) => sql`${id}::uuid`))}) and h.at < ${new Date(spanRange.to)}
        group by 1`
    : null;
  const parts = [spans?.changes, history].filter(
    (p): p is RawBuilder<unknown> => p !== null && p !== undefined,
  );
  const kd = parts.length
    ? sql.join(parts, sql` union all `)
    : sql`select null::timestamptz as at, 0 as d where false`;
  const end = sql`${String(range.end)}::bigint`;
  return sql<Row>`
    with bu0 as (
      select e.v::bigint as s, e.i::int as i
      from jsonb_array_elements_text(${JSON.stringify(range.starts.map(String))}::jsonb) with ordinality as e(v, i)
    ), bu as (
      select i, s, least(coalesce(lead(s) over (order by i), ${end}), ${end}) as u from bu0
    )${spans?.ctes ?? sql``}, kd as (
      ${kd}
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
