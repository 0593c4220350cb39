import { sql, type Kysely } from 'kysely';

// Every read of the audit log is of one organization (services/admin/audit-reads.ts) or by chain
// position (audit verify: audit_events_seq_idx); the index on time alone served none of them and misled
// the planner: for an organization holding most of the events it walked that index newest first and
// filtered out every newer event of the other organizations (150,000 rows read for a page of 50 in the
// bench). The organization-led indexes (org/time, org/action/time, org/actor/time, machine/time) remain.
// One index fewer is also one fewer to write per audit event.

/** Drops audit_at_idx. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists audit_at_idx`.execute(db);
}

/** Recreates it as migration 20261123T1020 made it. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_at_idx on audit_events (at desc)`.execute(db);
}
