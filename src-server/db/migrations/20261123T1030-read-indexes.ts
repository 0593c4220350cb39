import { sql, type Kysely } from 'kysely';

// Indexes for the admin console's reads at scale (100k machines, 1M audit events): audit by machine
// and by actor, live sessions per user, offline licenses per organization, newest first.

/** Creates the read indexes. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index audit_machine_at_idx on audit_events (machine_id, at desc) where machine_id is not null`.execute(
    db,
  );
  await sql`create index audit_actor_at_idx on audit_events (actor_user_id, at desc) where actor_user_id is not null`.execute(
    db,
  );
  await sql`create index sessions_live_user_idx on sessions (user_id) where ended_at is null`.execute(db);
  await sql`create index offline_licenses_org_idx on offline_licenses (org_id, created_at desc)`.execute(db);
}

/** Drops them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    'offline_licenses_org_idx',
    'sessions_live_user_idx',
    'audit_actor_at_idx',
    'audit_machine_at_idx',
  ]) {
    await sql`drop index if exists ${sql.id(name)}`.execute(db);
  }
}
