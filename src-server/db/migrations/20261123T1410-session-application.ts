import { sql, type Kysely } from 'kysely';

// R3 TrueTest: a session records the application under test it holds, so the server can count the
// distinct applications tested at the same time.

/** Adds sessions.application_id and an index over the live sessions that carry one. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').addColumn('application_id', 'text').execute();
  await sql`create index sessions_live_application_idx on sessions (subscription_id, application_id)
    where ended_at is null and application_id is not null`.execute(db);
}

/** Removes them. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index if exists sessions_live_application_idx`.execute(db);
  await db.schema.alterTable('sessions').dropColumn('application_id').execute();
}
