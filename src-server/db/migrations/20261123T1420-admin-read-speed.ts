import { sql, type Kysely } from 'kysely';
import {
  createStatementTriggers,
  dropStatementTriggers,
  lessWritten,
  returnIfUnchanged,
  touchedPairs,
} from './statement-triggers';

// Admin reads at scale (100,000 machines). Two additions:
// 1. live_machine_counts: per subscription, the number of distinct machines holding a live activation
//    (R16 Registered Machines, R22 KRE usage), kept exact by statement-level triggers on activations, so
//    Subscription Details and the Registered Machines total read one row instead of grouping 100,000.
// 2. A trigram index on machines.machine_id for the Registered Machines search (`ilike '%…%'`), created
//    only where pg_trgm can be installed (PostgreSQL with contrib); elsewhere the search scans as before.

/** The statements one trigger runs; `fresh`/`gone` name its transition tables (null when it has none). */
export function liveMachineCountBody(fresh: string | null, gone: string | null): string {
  const touched = touchedPairs(fresh, gone);
  // Lock the counter rows first: in READ COMMITTED every later statement then sees what concurrent
  // writers of the same subscription committed, so two of them cannot both count one machine.
  const lock =
    fresh === null
      ? `perform 1 from live_machine_counts where subscription_id in (select subscription_id from ${gone})
           order by subscription_id for update;`
      : `insert into live_machine_counts (subscription_id, machines)
           select distinct subscription_id, 0 from (${touched}) t order by 1
           on conflict (subscription_id) do update set machines = live_machine_counts.machines;`;
  const otherLive = lessWritten(
    `select a.id, a.subscription_id, a.machine_ref from activations a
      join touched t on t.subscription_id = a.subscription_id and t.machine_ref = a.machine_ref
      where a.deactivated_at is null`,
    'id, subscription_id, machine_ref',
    fresh,
  );
  const oldLive =
    gone === null
      ? 'select null::uuid as subscription_id, null::uuid as machine_ref where false'
      : `select distinct subscription_id, machine_ref from ${gone} where deactivated_at is null`;
  // An activation refresh (new lease times) changes none of the counted columns: nothing to do.
  const unchanged = returnIfUnchanged(fresh, gone, {
    nullable: ['deactivated_at'],
    plain: ['machine_ref', 'subscription_id'],
  });
  return `begin
  ${unchanged}
  ${lock}
  with touched as (select distinct subscription_id, machine_ref from (${touched}) t),
  live_now as (select distinct a.subscription_id, a.machine_ref from activations a
    join touched t on t.subscription_id = a.subscription_id and t.machine_ref = a.machine_ref
    where a.deactivated_at is null),
  live_other as (select distinct subscription_id, machine_ref from (${otherLive}) o),
  old_live as (${oldLive}),
  delta as (
    select t.subscription_id,
      sum((n.machine_ref is not null)::int - (o.machine_ref is not null or l.machine_ref is not null)::int) as n
    from touched t
    left join live_now n on n.subscription_id = t.subscription_id and n.machine_ref = t.machine_ref
    left join live_other o on o.subscription_id = t.subscription_id and o.machine_ref = t.machine_ref
    left join old_live l on l.subscription_id = t.subscription_id and l.machine_ref = t.machine_ref
    group by t.subscription_id)
  update live_machine_counts c set machines = c.machines + d.n
    from delta d where c.subscription_id = d.subscription_id and d.n <> 0;
  return null;
end`;
}

/** The counter's triggers on activations (migration 20261201T1900 re-creates their functions). */
export const LIVE_MACHINE_COUNT_TRIGGERS = {
  name: 'live_machine_counts',
  table: 'activations',
  body: liveMachineCountBody,
} as const;

/** Creates the counter table (filled from the current activations), its triggers and the search index. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table live_machine_counts (
    subscription_id uuid primary key references subscriptions(id) on delete cascade,
    machines integer not null check (machines >= 0))`.execute(db);
  await sql`insert into live_machine_counts (subscription_id, machines)
    select subscription_id, count(distinct machine_ref)::int from activations
    where deactivated_at is null group by subscription_id`.execute(db);
  await createStatementTriggers(db, LIVE_MACHINE_COUNT_TRIGGERS);
  await sql`do $$ begin
    begin
      create extension if not exists pg_trgm;
    exception when others then null;
    end;
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
      execute 'create index machines_machine_id_trgm_idx on machines using gin (machine_id gin_trgm_ops)';
    end if;
  end $$`.execute(db);
}

/** Drops the index, triggers and counter table (pg_trgm stays installed: other objects may use it). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists machines_machine_id_trgm_idx`.execute(db);
  await dropStatementTriggers(db, LIVE_MACHINE_COUNT_TRIGGERS);
  await sql`drop table if exists live_machine_counts`.execute(db);
}
