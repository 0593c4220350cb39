import { sql, type Kysely } from 'kysely';
import type { Database } from './schema';

/** Advisory lock id held while one process migrates and creates the first signing key. */
const STARTUP_LOCK_ID = 7_365_017;

/**
 * Runs start-up work (migrations, first signing key) under a PostgreSQL session advisory lock, so
 * several processes starting at once on an empty database take turns: one migrates and creates
 * the key, the others find both done. PGlite is one process, so it runs the work directly.
 */
export async function withStartupLock<T>(
  db: Kysely<Database>,
  kind: 'pglite' | 'postgres',
  work: () => Promise<T>,
): Promise<T> {
  if (kind !== 'postgres') return work();
  return db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${STARTUP_LOCK_ID})`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${STARTUP_LOCK_ID})`.execute(connection);
    }
  });
}
