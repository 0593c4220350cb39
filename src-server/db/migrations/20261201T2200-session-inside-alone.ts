import { sql, type Kysely } from 'kysely';
import { COVERED, SESSION_TRIGGER } from './20261201T1300-session-inside-reservation';

// sessions.inside_reservation, made stricter: besides running inside one reservation of its machine,
// a flagged session overlaps no other flagged session of the same line and machine. So two sessions of
// one (line, machine) that overlap in time never both carry the flag, and a machine whose sessions of
// a chart's range all carry it uses exactly its reservation there (its sessions run one at a time,
// each inside a reservation): the chart (repositories/use-spans.ts `hasSweepSpans`) asks whether a
// line has any unflagged session in the range, without grouping the sessions by machine.
//
// The row trigger now takes the subscription row's lock exclusively (FOR NO KEY UPDATE, as the
// activation triggers do; a checkout already holds FOR UPDATE there, so no checkout waits longer): two
// sessions of one line written at once are judged one after the other, the later seeing the earlier.
// Only the session being written is judged; the flag of another session is never set, only cleared
// (by the activation triggers), so "one of two overlapping sessions is unflagged" survives every write.

/** SQL: another flagged session of `s`'s line and machine overlaps `s` (ends are inclusive: false is safe). */
const OVERLAPS_FLAGGED = (s: string): string => {
  const other = `o.subscription_id = ${s}.subscription_id and o.machine_ref = ${s}.machine_ref
      and o.id <> ${s}.id and o.inside_reservation`;
  // Open sessions, then ended ones: each half matches the predicate of one partial index
  // (sessions_live_machine_idx, sessions_ended_inside_idx).
  return `(exists (select 1 from sessions o where ${other} and o.ended_at is null
        and (${s}.ended_at is null or o.started_at <= ${s}.ended_at))
      or exists (select 1 from sessions o where ${other} and o.ended_at is not null
        and o.ended_at >= ${s}.started_at and (${s}.ended_at is null or o.started_at <= ${s}.ended_at)))`;
};

/** The session row trigger's body: inside a reservation, and alone among the flagged sessions of its machine. */
export const SESSION_ALONE_FLAG = `begin
  perform 1 from subscriptions where id = new.subscription_id for no key update;
  new.inside_reservation := ${COVERED('new')} and not ${OVERLAPS_FLAGGED('new')};
  return new;
end`;

/** Gives the session row trigger (migration 20261201T1300) the function body `body`. */
const replaceSessionFunction = (db: Kysely<unknown>, body: string) =>
  sql
    .raw(
      `create or replace function ${SESSION_TRIGGER.name}() returns trigger language plpgsql as $body$${body}$body$`,
    )
    .execute(db);

/** Replaces the row trigger's function and unflags every flagged session that overlaps another. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await replaceSessionFunction(db, SESSION_ALONE_FLAG);
  // Both of each overlapping pair lose the flag: the check reads the rows as they were before this
  // statement (false is always safe).
  await sql
    .raw(
      `update sessions s set inside_reservation = false where s.inside_reservation and ${OVERLAPS_FLAGGED('s')}`,
    )
    .execute(db);
}

/** Restores the looser function; the flags it leaves are stricter than it needs, which is safe. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await replaceSessionFunction(db, SESSION_TRIGGER.body);
}
