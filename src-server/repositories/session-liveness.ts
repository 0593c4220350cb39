import { sql, type RawBuilder, type SqlBool } from 'kysely';

// The one definition of "the session is live" (R21, R22): not ended, and heard from within the TTL.
// Every query that counts, refreshes or culls sessions goes through these helpers.

/** The instant a session's last heartbeat must be after to be live. */
export const staleBefore = (now: number, ttlSeconds: number): Date => new Date(now - ttlSeconds * 1000);

/** Whether a session heard from at `heartbeatAt` has timed out at `now` (the JS form, for rows already read). */
export const hasTimedOut = (heartbeatAt: Date, now: number, ttlSeconds: number): boolean =>
  heartbeatAt.getTime() <= staleBefore(now, ttlSeconds).getTime();

const column = (alias: string | null, name: string) => sql.ref(alias === null ? name : `${alias}.${name}`);

/** SQL condition: the session row (under `alias`, or unqualified with null) is live; for `.where()` and raw SQL. */
export function liveSession(alias: string | null, now: number, ttlSeconds: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${column(alias, 'ended_at')} is null and ${column(alias, 'heartbeat_at')} > ${staleBefore(now, ttlSeconds)})`;
}

/** SQL condition: the session is still open but timed out, so the culler ends it (the complement among open sessions). */
export function timedOutSession(alias: string | null, now: number, ttlSeconds: number): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${column(alias, 'ended_at')} is null and ${column(alias, 'heartbeat_at')} <= ${staleBefore(now, ttlSeconds)})`;
}
