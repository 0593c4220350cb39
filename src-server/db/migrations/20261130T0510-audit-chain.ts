import { sql, type Kysely } from 'kysely';

// Tamper-evident audit log: TRUNCATE is refused like UPDATE and DELETE, and every event is chained
// (hash = sha256(previous hash || canonical content)) in the order a chain-head row lock gives.

/** The canonical content of one audit row `r`, as the chain hashes it (also in services/audit-chain.ts). */
const content = (r: string): string =>
  `jsonb_build_array(${r}.seq, ${r}.id, to_char(${r}.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), ${r}.actor_user_id, ${r}.org_id, ${r}.action, ${r}.product_id, ${r}.machine_id, ${r}.reason, ${r}.details)::text`;

const GENESIS = '0'.repeat(64);

/** Adds seq/prev_hash/hash, the chain head, the chaining trigger and the TRUNCATE guard; chains existing rows. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table audit_events add column seq bigint, add column prev_hash text, add column hash text`.execute(
    db,
  );
  await sql`create table audit_chain_head (id boolean primary key default true check (id), seq bigint not null, hash text not null)`.execute(
    db,
  );
  await sql.raw(`insert into audit_chain_head (id, seq, hash) values (true, 0, '${GENESIS}')`).execute(db);
  await sql`alter table audit_events disable trigger audit_events_no_change`.execute(db);
  await sql
    .raw(
      `do $$ declare r record; h text := '${GENESIS}'; n bigint := 0; begin
        for r in select id from audit_events order by id loop
          n := n + 1;
          update audit_events e set seq = n, prev_hash = h where e.id = r.id;
          update audit_events e set hash = encode(sha256(convert_to(h || ${content('e')}, 'UTF8')), 'hex')
            where e.id = r.id returning e.hash into h;
        end loop;
        update audit_chain_head set seq = n, hash = h where id;
      end $$`,
    )
    .execute(db);
  await sql`alter table audit_events enable trigger audit_events_no_change`.execute(db);
  await sql`alter table audit_events alter column seq set not null, alter column prev_hash set not null, alter column hash set not null`.execute(
    db,
  );
  await sql`create unique index audit_events_seq_idx on audit_events (seq)`.execute(db);
  await sql
    .raw(
      `create function audit_events_chain() returns trigger language plpgsql as $$
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
  await sql`create trigger audit_events_chain before insert on audit_events
    for each row execute function audit_events_chain()`.execute(db);
  await sql`create trigger audit_events_no_truncate before truncate on audit_events
    for each statement execute function audit_events_append_only()`.execute(db);
  await sql`create trigger audit_chain_head_no_truncate before truncate on audit_chain_head
    for each statement execute function audit_events_append_only()`.execute(db);
}

/** Removes the chain and the TRUNCATE guard. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists audit_events_no_truncate on audit_events`.execute(db);
  await sql`drop trigger if exists audit_events_chain on audit_events`.execute(db);
  await sql`drop function if exists audit_events_chain()`.execute(db);
  await sql`drop table audit_chain_head`.execute(db);
  await sql`alter table audit_events drop column seq, drop column prev_hash, drop column hash`.execute(db);
}
