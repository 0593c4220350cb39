import { sql, type Kysely } from 'kysely';
import {
  createRowTrigger,
  createStatementTriggers,
  dropRowTrigger,
  dropStatementTriggers,
  returnIfUnchanged,
  touchedPairs,
} from './statement-triggers';

// sessions.on_reservation: whether the session's machine holds a live activation (a reservation, R22)
// on the session's own line. The machine-license count (repositories/machine-license-count.ts) needs,
// for every live session's machine, "is it also reserved?"; with this column it reads the answer from
// the session row instead of probing the activations index once per live machine (~1,000 probes for
// Subscription Details at the admin bench's shape).
//
// Kept exact by triggers, for sessions not yet ended (an ended session's flag is never read):
// - a session row takes the flag when it is inserted or moved to another line or machine;
// - a statement that inserts, deactivates, moves or deletes activations recomputes the flag of the
//   open sessions on every (line, machine) it touched.
// Both lock the line's subscription row first (sessions: FOR SHARE; activations: FOR NO KEY UPDATE,
// which conflict), so in READ COMMITTED the later statement sees what the other committed and a
// session and a reservation written concurrently cannot leave a stale flag. The activation trigger is
// named to fire before live_machine_counts' (triggers fire in name order), so every writer locks the
// subscription rows before the counter rows, as activation and checkout already do.

const SESSION_FLAG = `begin
  perform 1 from subscriptions where id = new.subscription_id for share;
  new.on_reservation := exists (select 1 from activations a where a.subscription_id = new.subscription_id
    and a.machine_ref = new.machine_ref and a.deactivated_at is null);
  return new;
end`;

const SESSION_TRIGGER = {
  name: 'sessions_on_reservation',
  table: 'sessions',
  events: 'insert or update of subscription_id, machine_ref',
  body: SESSION_FLAG,
} as const;

/** The body of the activations trigger; `fresh`/`gone` name its transition tables (null when it has none). */
function activationBody(fresh: string | null, gone: string | null): string {
  const touched = touchedPairs(fresh, gone);
  // A lease refresh changes none of the columns the flag depends on: nothing to do.
  const unchanged = returnIfUnchanged(fresh, gone, {
    nullable: ['deactivated_at'],
    plain: ['machine_ref', 'subscription_id'],
  });
  return `begin
  ${unchanged}
  perform 1 from subscriptions where id in (select subscription_id from (${touched}) t)
    order by id for no key update;
  update sessions s set on_reservation = r.reserved
    from (select t.subscription_id, t.machine_ref, exists (select 1 from activations a
        where a.subscription_id = t.subscription_id and a.machine_ref = t.machine_ref
          and a.deactivated_at is null) as reserved
      from (select distinct subscription_id, machine_ref from (${touched}) u) t) r
    where s.subscription_id = r.subscription_id and s.machine_ref = r.machine_ref
      and s.ended_at is null and s.on_reservation <> r.reserved;
  return null;
end`;
}

const TRIGGERS = {
  name: 'activations_reserve_sessions',
  table: 'activations',
  body: activationBody,
} as const;

/** Adds the column, fills it for the open sessions, and creates the triggers that keep it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table sessions add column on_reservation boolean not null default false`.execute(db);
  await sql`update sessions s set on_reservation = true where s.ended_at is null and exists (
    select 1 from activations a where a.subscription_id = s.subscription_id
      and a.machine_ref = s.machine_ref and a.deactivated_at is null)`.execute(db);
  await createRowTrigger(db, SESSION_TRIGGER);
  await createStatementTriggers(db, TRIGGERS);
}

/** Drops the triggers and the column. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await dropStatementTriggers(db, TRIGGERS);
  await dropRowTrigger(db, SESSION_TRIGGER);
  await sql`alter table sessions drop column if exists on_reservation`.execute(db);
}
