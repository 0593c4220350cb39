import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Length of one counting window: failures are counted per fixed minute. */
export const FAILURE_WINDOW_MS = 60_000;

/** One bucket's count in its current window, and when that window ends. */
export interface BucketCount {
  readonly bucket: string;
  readonly failures: number;
  readonly resetsAt: number;
}

/** Counts failed sign-ins per bucket in the database, so every server process on it shares the counts. */
export interface FailureCounter {
  /** Adds one failure to each bucket and returns their counts in the current window. */
  record(buckets: readonly string[]): Promise<BucketCount[]>;
}

/**
 * A database-backed counter: one upsert per failure (a row per bucket, fixed one-minute windows),
 * so on PostgreSQL all server processes see the same counts; stale rows are pruned now and then.
 */
export function createFailureCounter(db: Kysely<Database>, now: () => number): FailureCounter {
  let lastPrune = 0;
  return {
    async record(buckets) {
      const at = now();
      const windowStart = new Date(at - FAILURE_WINDOW_MS);
      const rows = await db
        .insertInto('auth_failures')
        .values(buckets.map((bucket) => ({ bucket, window_started_at: new Date(at), failures: 1 })))
        .onConflict((oc) =>
          oc.column('bucket').doUpdateSet({
            failures: sql<number>`case when auth_failures.window_started_at <= ${windowStart} then 1 else auth_failures.failures + 1 end`,
            window_started_at: sql<Date>`case when auth_failures.window_started_at <= ${windowStart} then excluded.window_started_at else auth_failures.window_started_at end`,
          }),
        )
        .returning(['bucket', 'failures', 'window_started_at'])
        .execute();
      if (at - lastPrune > 10 * FAILURE_WINDOW_MS) {
        lastPrune = at;
        await db.deleteFrom('auth_failures').where('window_started_at', '<', windowStart).execute();
      }
      return rows.map((r) => ({
        bucket: r.bucket,
        failures: r.failures,
        resetsAt: new Date(r.window_started_at).getTime() + FAILURE_WINDOW_MS,
      }));
    },
  };
}
