import { sql, type Kysely, type RawBuilder } from 'kysely';
import { LicenseKindSchema } from '../../shared/catalog/product';
import type { UseSpan } from '../../shared/domain/concurrent-use';
import { USE_MEASURE } from '../../shared/domain/line-use';
import type { Database } from '../db/schema';
import { lineMachineRef, type UsageLine } from './line-units';
import { staleBefore } from './session-liveness';

// The history behind the utilization chart, in the holders line-units.ts counts now: seats and
// offline files (seat kinds), machine IDs holding reservations, offline files and sessions (machine
// kinds), applications under test (TrueTest). A session still open but timed out ended at its last
// heartbeat; a live one is still running. Every key is a uuid (a row's id, or one made from the name
// of a holder that has no row), so the sweep hashes and sorts them cheaply.

interface SpanRow {
  key: string;
  kind: 'hold' | 'session';
  from: Date;
  until: Date | null;
  /** A session that ran inside one reservation of its machine (sessions.inside_reservation); false for every other span. */
  inside: boolean;
}

/** The range a chart reads and the instant its running sessions are judged live at. */
export interface SpanRange {
  readonly from: number;
  readonly to: number;
  readonly now: number;
  readonly ttlSeconds: number;
}

/** A holder named by text (an application, a machine ID without a machine row) as a uuid key, so every key has one type. */
const textKey = (name: RawBuilder<unknown>): RawBuilder<string> => sql<string>`md5(${name})::uuid`;

/** SQL rows (key, kind, "from", until) of every span of use of a line that overlaps [from, to): the sweep's input. */
export function spanRows(line: UsageLine, range: SpanRange): RawBuilder<SpanRow> {
  const id = line.id;
  const stale = staleBefore(range.now, range.ttlSeconds);
  const sessionEnd = sql`coalesce(s.ended_at, case when s.heartbeat_at > ${stale} then null else s.heartbeat_at end)`;
  const measure = USE_MEASURE[LicenseKindSchema.parse(line.kind)];
  const offline = sql`select o.id as key, 'hold' as kind, o.created_at as "from", o.expires_at as until,
      false as inside from offline_licenses o where o.subscription_id = ${id}`;
  // A machine ID is keyed by its machine row of the line's organization (line-units.ts
  // `lineMachineRef`), so the spans of reservations and sessions need no join; an offline file's ID
  // finds its row, or stands for itself.
  const offlineByMachine = sql`select coalesce(${lineMachineRef(id, sql`o.machine_id`)},
        ${textKey(sql`'machine:' || o.machine_id`)}) as key, 'hold' as kind, o.created_at as "from", o.expires_at as until,
      false as inside from offline_licenses o where o.subscription_id = ${id}`;
  const spans = {
    seats: sql`select a.id as key, 'hold' as kind, a.created_at as "from", null::timestamptz as until,
        false as inside from seat_assignments a where a.subscription_id = ${id}
      union all ${offline}`,
    applications: sql`select ${textKey(sql`'application:' || s.application_id`)} as key, 'hold' as kind, s.started_at as "from", ${sessionEnd} as until,
        false as inside from sessions s where s.subscription_id = ${id} and s.application_id is not null`,
    machines: sql`select s.machine_ref as key, 'session' as kind, s.started_at as "from", ${sessionEnd} as until,
        s.inside_reservation as inside from sessions s where s.subscription_id = ${id}
      union all ${offlineByMachine}
      ${
        line.reservesMachines
          ? sql`union all select a.machine_ref, 'hold', a.created_at, a.deactivated_at, false
              from activations a where a.subscription_id = ${id}`
          : sql``
      }`,
  }[measure];
  return sql<SpanRow>`select * from (${spans}) x
    where x."from" < ${new Date(range.to)} and (x.until is null or x.until > ${new Date(range.from)})`;
}

/** A span as the chart's sweep reads it: +1 adds its holder's use, -1 takes a holder's reservations back out. */
interface SweepSpanRow extends SpanRow {
  sign: 1 | -1;
}

/** Whether the line's reserved machines are read from the kept history (migration 20261201T1000-reservation-history). */
export const readsReservationHistory = (line: UsageLine): boolean =>
  line.reservesMachines && USE_MEASURE[LicenseKindSchema.parse(line.kind)] === 'machines';

/** SQL over a span `o`: a session that ran inside a reservation, forward in time. */
const INSIDE_SPAN = sql`o.inside and (o.until is null or o.until >= o."from")`;

/** SQL over a machine's spans `o` grouped by key: its one span in the range is a session that ran inside a reservation. */
const INSIDE_ALONE = sql`count(*) = 1 and bool_and(${INSIDE_SPAN})`;

/**
 * SQL: the machines of a line whose reservations the sweep reads span by span whatever their sessions:
 * those with an activation ending before it starts (the kept history leaves that row out) and, in a
 * chart with a bucket starting at or after the end (not one the server builds), every machine with an
 * activation edge there, as the span rules see that instant (the history is read up to the end).
 */
const edgeMachines = (line: UsageLine, range: SpanRange & { pastEnd: boolean }) => {
  const to = new Date(range.to);
  const pastEnd = range.pastEnd
    ? sql`union select e.machine_ref from activations e where e.subscription_id = ${line.id}
        and (e.created_at >= ${to} or e.deactivated_at >= ${to})`
    : sql``;
  return sql`select b.machine_ref as key from activations b
    where b.subscription_id = ${line.id} and b.deactivated_at < b.created_at ${pastEnd}`;
};

/**
 * SQL, true when the sweep of the line needs spans: a cheaper statement than reading them. On a line
 * whose reservations the kept history counts, that is any span in the range other than a session that
 * ran inside a reservation (`inside`), or a machine `edgeMachines` names. Two flagged sessions of one
 * machine never overlap (migration 20261201T2200), so a machine whose spans in the range are all
 * flagged sessions uses exactly its reservation at every instant, and adds nothing to the history:
 * no grouping by machine is needed to know it. (`sweepSpanRows` still leaves out only the machines
 * with one such span and sweeps the others; both give the history's numbers for them.)
 */
export function hasSweepSpans(line: UsageLine, range: SpanRange & { pastEnd: boolean }): RawBuilder<boolean> {
  if (!readsReservationHistory(line)) return sql<boolean>`exists (${spanRows(line, range)})`;
  const others = spanRows({ ...line, reservesMachines: false }, range);
  // Counted, not `exists`: looking for a first row, the planner would scan every activation of the line
  // for one ending before it starts rather than read the index of those (none, most of the time).
  return sql<boolean>`(exists (select 1 from (${others}) o where not (${INSIDE_SPAN}))
    or (select count(*) from (${edgeMachines(line, range)}) e) > 0)`;
}

/**
 * SQL rows of the sweep's spans of a line over [from, to), with a sign. A line whose reservations the
 * kept history counts (`readsReservationHistory`) gives only what that history does not: the spans of
 * the machines that ran sessions or hold offline files (sign +1, their reservations included, so each
 * machine is max(held, sessions) as line-units.ts counts it) and those machines' reservations again
 * with sign -1, as the history counts them: without an activation ending before it starts, and up to
 * the end (the sweep reads the history before the end only; a reservation ending at or after the end
 * counts on there even when the range starts after it ended, in a chart with buckets past the end).
 * Every other machine's use is its reservation, which the history holds; so is the use of a machine
 * whose one span in the range is a session that ran inside a reservation (`inside`, kept on the
 * session row by migration 20261201T1300), which is left out without reading its activations. Other
 * lines give every span with sign +1.
 */
export function sweepSpanRows(
  line: UsageLine,
  range: SpanRange & { pastEnd: boolean },
): RawBuilder<SweepSpanRow> {
  if (!readsReservationHistory(line))
    return sql<SweepSpanRow>`select x.*, 1 as sign from (${spanRows(line, range)}) x`;
  const others = spanRows({ ...line, reservesMachines: false }, range);
  const [from, to] = [new Date(range.from), new Date(range.to)];
  // Each swept machine's activations are one index probe (the lateral subquery, kept apart by
  // `offset 0`, is never turned into a hash join reading every activation of the line).
  return sql<SweepSpanRow>`with others as materialized (${others}),
    edges as (${edgeMachines(line, range)}),
    inside as (select o.key from others o group by o.key having ${INSIDE_ALONE} except select e.key from edges e),
    swept as (select o.key from others o where o.key not in (select i.key from inside i)
      union select e.key from edges e),
    reservations as (select k.key, 'hold' as kind, a.created_at as "from", a.deactivated_at as until,
        a.deactivated_at is null or a.deactivated_at >= a.created_at as forward,
        a.deactivated_at is null or a.deactivated_at > ${from} as overlaps
      from swept k cross join lateral (select a.created_at, a.deactivated_at from activations a
        where a.subscription_id = ${line.id} and a.machine_ref = k.key and a.created_at < ${to}
          and (a.deactivated_at is null or a.deactivated_at > ${from} or a.deactivated_at >= ${to}) offset 0) a)
    select o.key, o.kind, o."from", o.until, false as inside, 1 as sign from others o
      where o.key not in (select i.key from inside i)
    union all select r.key, r.kind, r."from", r.until, false, 1 from reservations r where r.overlaps
    union all select r.key, r.kind, r."from", case when r.until >= ${to} then null else r.until end, false, -1
      from reservations r where r.forward`;
}

/** Every span of use of a line that overlaps [from, to), loaded: the input of `concurrentUse`, the definition the SQL sweep is tested against. */
export async function useSpans(db: Kysely<Database>, line: UsageLine, range: SpanRange): Promise<UseSpan[]> {
  const rows = await spanRows(line, range).execute(db);
  return rows.rows.map((r) => ({
    key: `${line.id}/${r.key}`,
    kind: r.kind,
    from: new Date(r.from).getTime(),
    until: r.until === null ? null : new Date(r.until).getTime(),
  }));
}
