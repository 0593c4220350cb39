import { sql, type Kysely } from 'kysely';

// The audit chain of 20261130T0510-audit-chain, same hashes, but the chain head is locked and read
// once per INSERT statement and written once at its end (not updated once per row): a statement of
// 1,000 events (the culler's batch) costs one head update instead of 1,000 versions of one row. The
// running head between rows lives in a transaction-local setting that only these triggers write;
// it is loaded from the locked head before the statement's first row and emptied after its last.

/** The canonical content of one audit row `r`, as the chain hashes it (also in services/audit-chain.ts). */
const content = (r: string): string =>
  `jsonb_build_array(${r}.seq, ${r}.id, to_char(${r}.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${r}.actor_user_id, ${r}.org_id, ${r}.action, ${r}.product_id, ${r}.machine_id, ${r}.reason, ${r}.details)::text`;

/** The transaction-local setting holding `seq:hash` of the last event chained by the running statement. */
const RUNNING = 'tessera.audit_chain_running';

/** Replaces the row trigger's head lock and update with a lock-and-load before the statement and one write after it. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql
    .raw(
      `create function audit_events_chain_begin() returns trigger language plpgsql as $$
      declare h record; begin
        select seq, hash into h from audit_chain_head where id for update;
        perform set_config('${RUNNING}', h.seq::text || ':' || h.hash, true);
        return null;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create or replace function audit_events_chain() returns trigger language plpgsql as $$
      declare running text := coalesce(current_setting('${RUNNING}', true), ''); begin
        if running = '' then
          raise exception 'audit events are chained only by an INSERT statement on audit_events';
        end if;
        new.seq := split_part(running, ':', 1)::bigint + 1;
        new.prev_hash := split_part(running, ':', 2);
        new.hash := encode(sha256(convert_to(new.prev_hash || ${content('new')}, 'UTF8')), 'hex');
        perform set_config('${RUNNING}', new.seq::text || ':' || new.hash, true);
        return new;
      end $$`,
    )
    .execute(db);
  await sql
    .raw(
      `create function audit_events_chain_end() returns trigger language plpgsql as $$
      declare running text := coalesce(current_setting('${RUNNING}', true), ''); begin
        if running = '' then
          raise exception 'the audit chain lost its running head during the statement';
        end if;
        update audit_chain_head set seq = split_part(running, ':', 1)::bigint,
          hash = split_part(running, ':', 2) where id;
        perform set_config('${RUNNING}', '', true);
        return null;
      end $$`,
    )
    .execute(db);
  await sql`create trigger audit_events_chain_begin before insert on audit_events
    for each statement execute function audit_events_chain_begin()`.execute(db);
  await sql`create trigger audit_events_chain_end after insert on audit_events
    for each statement execute function audit_events_chain_end()`.execute(db);
}

/** Back to one head update per row (20261130T0510-audit-chain's trigger). */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger audit_events_chain_end on audit_events`.execute(db);
  await sql`drop trigger audit_events_chain_begin on audit_events`.execute(db);
  await sql`drop function audit_events_chain_end()`.execute(db);
  await sql`drop function audit_events_chain_begin()`.execute(db);
  await sql
    .raw(
      `create or replace function audit_events_chain() returns trigger language plpgsql as $$
      declare h record; begin
        select seq, hash into h from audit_chain_head where id for update;
        new.seq := h.seq + 1;
        new.prev_hash := h.hash;
        new.hash := encode(sha256(convert_to(h.hash || ${content('new')}, 'UTF8')), 'hex');
        update audit_chain_head set seq = new.seq, hash = new.hash where id;
        return new;
      end $$`,
    )
    .execute(db);
}
