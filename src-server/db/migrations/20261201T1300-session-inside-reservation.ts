import { sql, type Kysely } from 'kysely';
import {
  createRowTrigger,
  createStatementTriggers,
  dropRowTrigger,
  dropStatementTriggers,
  returnIfUnchanged,
  touchedPairs,
} from './statement-triggers';

// sessions.inside_reservation: the session ran, from its start to its end (or on, while it has none),
// inside one reservation (R22) of its machine on its own line. The utilization chart
// (repositories/use-spans.ts) counts reserved machines from the kept reservation history; a machine
// whose one session of the range ran inside a reservation adds nothing to it, and with this column the
// chart knows so from the session row instead of probing the activations once per session machine
// (~1,000 probes at the admin bench's shape).
//
// True only when it holds for the rows as they are; false is always safe (the chart then sweeps the
// machine span by span). Kept by triggers:
// - a session row takes the flag when it is inserted, moved to another line or machine, or restarted;
// - a statement that changes or deletes activations (inserts only add reservations) clears the flag of
//   the sessions of every (line, machine) it touched that no activation covers any more: open sessions,
//   and ended ones that ended after the first instant a changed row stopped covering.
// Both lock the line's subscription row first, as the on_reservation triggers (migration
// 20261201T0900) do, so a session and a reservation written concurrently cannot leave a stale flag;
// the sessions are chosen by id and re-checked on the row as updated, so a session ended concurrently
// is judged by its end. The activation triggers are named to fire before every other trigger there.

/** SQL: an activation of the session row `s`'s line and machine covers the session from start to end. */
export const COVERED = (s: string): string => `exists (select 1 from activations a
    where a.subscription_id = ${s}.subscription_id and a.machine_ref = ${s}.machine_ref
      and a.created_at <= ${s}.started_at
      and (a.deactivated_at is null or (${s}.ended_at is not null and ${s}.ended_at >= ${s}.started_at
        and a.deactivated_at >= ${s}.ended_at)))`;

const SESSION_FLAG = `begin
  perform 1 from subscriptions where id = new.subscription_id for share;
  new.inside_reservation := ${COVERED('new')};
  return new;
end`;

export const SESSION_TRIGGER = {
  name: 'sessions_inside_reservation',
  table: 'sessions',
  events: 'insert or update of subscription_id, machine_ref, started_at',
  body: SESSION_FLAG,
} as const;

/**
 * SQL: per changed or deleted row `g` of `gone`, its line, machine and `lost_from`, the first instant it
 * covered and its new version (`fresh`, same id) no longer covers, or null when nothing was lost.
 */
function lostCover(fresh: string | null, gone: string): string {
  if (fresh === null)
    return `select g.subscription_id, g.machine_ref, g.created_at as lost_from from ${gone} g`;
  return `select g.subscription_id, g.machine_ref, case
      when n.subscription_id is distinct from g.subscription_id or n.machine_ref <> g.machine_ref
        or n.created_at > g.created_at then g.created_at
      when n.deactivated_at is null then null
      when g.deactivated_at is not null and n.deactivated_at >= g.deactivated_at then null
      else n.deactivated_at end as lost_from
    from ${gone} g left join ${fresh} n on n.id = g.id`;
}

/** The body of the activations trigger; `fresh`/`gone` name its transition tables (null when it has none). */
function activationBody(fresh: string | null, gone: string | null): string {
  if (gone === null) throw new Error('activations_cover_sessions fires after updates and deletes only');
  const unchanged = returnIfUnchanged(fresh, gone, {
    nullable: ['deactivated_at'],
    plain: ['created_at', 'machine_ref', 'subscription_id'],
  });
  return `begin
  ${unchanged}
  perform 1 from subscriptions where id in (select subscription_id from (${touchedPairs(fresh, gone)}) t)
    order by id for no key update;
  with lost as (${lostCover(fresh, gone)})
  update sessions s set inside_reservation = false
    where s.id in (
      -- Open sessions, then ended ones: each half matches the predicate of one partial index
      -- (sessions_live_machine_idx, sessions_ended_inside_idx).
      select o.id from lost l join sessions o
        on o.subscription_id = l.subscription_id and o.machine_ref = l.machine_ref
        where l.lost_from is not null and o.inside_reservation and o.ended_at is null
      union all
      select o.id from lost l join sessions o
        on o.subscription_id = l.subscription_id and o.machine_ref = l.machine_ref
        where l.lost_from is not null and o.inside_reservation and o.ended_at is not null
          and o.ended_at > l.lost_from)
      and s.inside_reservation and not ${COVERED('s')};
  return null;
end`;
}

// Only updates and deletes take a reservation away: inserts fire nothing.
const TRIGGERS = {
  name: 'activations_cover_sessions',
  table: 'activations',
  body: activationBody,
  operations: ['update', 'delete'],
} as const;

/** Adds the column, fills it, the index the activation triggers read ended sessions by, and the triggers. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column inside_reservation boolean not null default false`.execute(db);
  await sql.raw(`update sessions s set inside_reservation = true where ${COVERED('s')}`).execute(db);
  // Only ended sessions inside a reservation: a heartbeat (open session) never writes to it.
  await sql`create index sessions_ended_inside_idx on sessions (machine_ref, ended_at)
    where inside_reservation and ended_at is not null`.execute(db);
  await createRowTrigger(db, SESSION_TRIGGER);
  await createStatementTriggers(db, TRIGGERS);
}

/** Drops the triggers, the index and the column. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await dropStatementTriggers(db, TRIGGERS);
  await dropRowTrigger(db, SESSION_TRIGGER);
  await sql`drop index if exists sessions_ended_inside_idx`.execute(db);
  await sql`alter table sessions drop column if exists inside_reservation`.execute(db);
}
