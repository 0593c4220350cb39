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
  const offline = sql`select o.id as key, 'hold' as kind, o.created_at as "from", o.expires_at as until
    from offline_licenses o where o.subscription_id = ${id}`;
  // A machine ID is keyed by its machine row of the line's organization (line-units.ts
  // `lineMachineRef`), so the spans of reservations and sessions need no join; an offline file's ID
  // finds its row, or stands for itself.
  const offlineByMachine = sql`select coalesce(${lineMachineRef(id, sql`o.machine_id`)},
        ${textKey(sql`'machine:' || o.machine_id`)}) as key, 'hold' as kind, o.created_at as "from", o.expires_at as until
    from offline_licenses o where o.subscription_id = ${id}`;
  const spans = {
    seats: sql`select a.id as key, 'hold' as kind, a.created_at as "from", null::timestamptz as until
        from seat_assignments a where a.subscription_id = ${id}
      union all ${offline}`,
    applications: sql`select ${textKey(sql`'application:' || s.application_id`)} as key, 'hold' as kind, s.started_at as "from", ${sessionEnd} as until
        from sessions s where s.subscription_id = ${id} and s.application_id is not null`,
    machines: sql`select s.machine_ref as key, 'session' as kind, s.started_at as "from", ${sessionEnd} as until
        from sessions s where s.subscription_id = ${id}
      union all ${offlineByMachine}
      ${
        line.reservesMachines
          ? sql`union all select a.machine_ref, 'hold', a.created_at, a.deactivated_at
              from activations a where a.subscription_id = ${id}`
          : sql``
      }`,
  }[measure];
  return sql<SpanRow>`select * from (${spans}) x
    where x."from" < ${new Date(range.to)} and (x.until is null or x.until > ${new Date(range.from)})`;
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
