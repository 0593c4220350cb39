import { createHash } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';

// Some reads run again and again with the same text and new values (the chain every License
// Management read starts with, the utilization chart's statements), and spend most of their time being
// parsed and planned, not run: the chart's first statement at the admin bench's shape took 6.3 of 8.3 ms
// for `EXPLAIN` alone on PGlite, 3.3 of 4.0 ms on PostgreSQL. A statement marked with `keptPlan` is
// run by the drivers (kept-plan-pool.ts, pglite-dialect.ts) as a named prepared statement: parsed once
// per connection, then bound and run, with PostgreSQL's plan cache choosing between a plan per call and
// a kept generic one as it does for any prepared statement. Reads only: a kept statement is run
// outside PGlite's own query path.

const MARK = '/* kept plan */ ';

/** How many kept statements one connection prepares; past that, marked statements run unnamed. */
export const KEPT_PER_CONNECTION = 64;

/** Marks a read to be run as a prepared statement kept by its connection. */
export const keptPlan = <T>(statement: RawBuilder<T>): RawBuilder<T> => sql<T>`${sql.raw(MARK)}${statement}`;

/** The statement name a marked SQL text is prepared under (same text, same name), or null if unmarked. */
export const keptPlanName = (text: string): string | null =>
  text.startsWith(MARK) ? `kept_${createHash('sha256').update(text).digest('hex').slice(0, 32)}` : null;

/** The names one connection has prepared: whether a name may be run as a kept statement there. */
export class KeptNames {
  private readonly names = new Set<string>();

  /** True when `name` is prepared already or there is room to prepare it (then it counts as prepared). */
  admit(name: string): boolean {
    if (this.names.has(name)) return true;
    if (this.names.size >= KEPT_PER_CONNECTION) return false;
    this.names.add(name);
    return true;
  }
}
