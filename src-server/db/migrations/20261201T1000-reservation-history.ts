import { sql, type Kysely } from 'kysely';
import {
  createStatementTriggers,
  dropStatementTriggers,
  lessWritten,
  returnIfUnchanged,
  touchedPairs,
} from './statement-triggers';

// reservation_changes: the history of a line's reserved machines (R22, R25) as changes of their number,
// one row per line and instant (whole milliseconds). A machine counts as reserved while the running
// sum of its activations' edges (+1 at created_at, -1 at deactivated_at) is above zero: the same rule
// the utilization chart's sweep applies to a holder's spans (repositories/usage-sweep.ts). The chart
// reads the level of reserved machines from here instead of sweeping every activation of the range
// (100,000 at the admin bench's shape); only machines that also ran sessions or hold offline files are
// swept span by span.
//
// An activation whose end lies before its start (written so by hand or by a clock set back) is left out
// of the history: the chart sweeps its machine span by span, as it does machines with sessions.
//
// Kept exact by statement-level triggers on activations: for every (line, machine) a statement
// touched, the machine's reserved intervals are computed from its rows before and after the
// statement, and the difference of their edges is added to the line's rows. The triggers fire after
// activations_reserve_sessions_* (triggers fire in name order), which holds the subscription rows'
// lock, so a machine's rows are read after every other writer of the line has committed.

/** SQL: the activation row `r` runs forward in time (no end, or an end not before its start). */
const FORWARD = (r: string): string =>
  `(${r}.deactivated_at is null or ${r}.deactivated_at >= ${r}.created_at)`;

/**
 * SQL: the CTEs after `now_rows` (a machine's forward activations after the statement) and `old_rows`
 * (before it), then the INSERT adding to reservation_changes the difference of the machines' reserved
 * edges: side 1 counts now, side -1 takes back what was counted before. The triggers and the
 * migration's fill (no rows before) both run it.
 */
const CHANGES = `edges as (
    select subscription_id, machine_ref, 1 as side, date_trunc('milliseconds', created_at) as at, 1 as d from now_rows
    union all select subscription_id, machine_ref, 1, date_trunc('milliseconds', deactivated_at), -1
      from now_rows where deactivated_at is not null
    union all select subscription_id, machine_ref, -1, date_trunc('milliseconds', created_at), 1 from old_rows
    union all select subscription_id, machine_ref, -1, date_trunc('milliseconds', deactivated_at), -1
      from old_rows where deactivated_at is not null),
  per_instant as (select subscription_id, machine_ref, side, at, sum(d) as d from edges group by 1, 2, 3, 4),
  reserved as (select subscription_id, machine_ref, side, at,
      (sum(d) over (partition by subscription_id, machine_ref, side order by at rows unbounded preceding) > 0)::int as held
    from per_instant),
  deltas as (select subscription_id, at, side * (held - coalesce(lag(held) over (
      partition by subscription_id, machine_ref, side order by at), 0)) as d from reserved),
  net as (select subscription_id, at, sum(d)::int as d from deltas group by 1, 2 having sum(d) <> 0)
  insert into reservation_changes (subscription_id, at, d) select subscription_id, at, d from net order by 1, 2
  on conflict (subscription_id, at) do update set d = reservation_changes.d + excluded.d;`;

/** The body of one trigger; `fresh`/`gone` name its transition tables (null when it has none). */
export function reservationHistoryBody(fresh: string | null, gone: string | null): string {
  const touched = touchedPairs(fresh, gone);
  // A lease refresh changes none of the columns the history depends on: nothing to do.
  const unchanged = returnIfUnchanged(fresh, gone, {
    nullable: ['deactivated_at'],
    plain: ['created_at', 'machine_ref', 'subscription_id'],
  });
  const columns = 'id, subscription_id, machine_ref, created_at, deactivated_at';
  const notWritten = lessWritten(`select ${columns} from now_rows`, columns, fresh);
  const goneRows =
    gone === null
      ? ''
      : `union all select g.subscription_id, g.machine_ref, g.created_at, g.deactivated_at from ${gone} g
          where ${FORWARD('g')}`;
  return `begin
  ${unchanged}
  with touched as (select distinct subscription_id, machine_ref from (${touched}) t),
  now_rows as (select a.id, a.subscription_id, a.machine_ref, a.created_at, a.deactivated_at
    from activations a join touched t on t.subscription_id = a.subscription_id and t.machine_ref = a.machine_ref
    where ${FORWARD('a')}),
  old_rows as (select n.subscription_id, n.machine_ref, n.created_at, n.deactivated_at from (${notWritten}) n
    ${goneRows}),
  ${CHANGES}
  return null;
end`;
}

/** The history's triggers on activations (migration 20261201T1900 re-creates their functions). */
export const RESERVATION_HISTORY_TRIGGERS = {
  name: 'reservation_history',
  table: 'activations',
  body: reservationHistoryBody,
} as const;

/** Creates the table (filled from the activations there are), its triggers and the index they read. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table reservation_changes (
    subscription_id uuid not null references subscriptions(id) on delete cascade,
    at timestamptz not null,
    d integer not null,
    primary key (subscription_id, at))`.execute(db);
  // Every activation of a line and machine, ended ones too: the triggers and the chart read a machine's rows.
  await sql`create index activations_line_machine_idx on activations (subscription_id, machine_ref)`.execute(
    db,
  );
  // The few activations the history leaves out (an end before the start), found without reading the line.
  await sql`create index activations_backwards_idx on activations (subscription_id, machine_ref)
    where deactivated_at < created_at`.execute(db);
  // The activations there are, counted as one statement that wrote them all.
  await sql
    .raw(
      `with now_rows as (select a.subscription_id, a.machine_ref, a.created_at, a.deactivated_at
        from activations a where ${FORWARD('a')}),
      old_rows as (select * from now_rows where false),
      ${CHANGES}`,
    )
    .execute(db);
  await createStatementTriggers(db, RESERVATION_HISTORY_TRIGGERS);
}

/** Drops the triggers, the index and the table. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await dropStatementTriggers(db, RESERVATION_HISTORY_TRIGGERS);
  await sql`drop index if exists activations_backwards_idx`.execute(db);
  await sql`drop index if exists activations_line_machine_idx`.execute(db);
  await sql`drop table if exists reservation_changes`.execute(db);
}
