import { sql, type Kysely } from 'kysely';

// Failed sign-in counters shared by every server process on one database (fixed one-minute windows).

/** Creates auth_failures: one row per bucket (address, or address + key prefix). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('auth_failures')
    .addColumn('bucket', 'text', (c) => c.primaryKey())
    .addColumn('window_started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .execute();
  await sql`create index auth_failures_window_idx on auth_failures (window_started_at)`.execute(db);
}

/** Drops it. */
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('auth_failures').execute();
}
