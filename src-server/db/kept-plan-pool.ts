import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';
import { KeptNames, keptPlanName } from './kept-plans';

// The pg Pool as Kysely's PostgresDialect sees it, with one difference: a statement marked with
// `keptPlan` (kept-plans.ts) runs as a named prepared statement of its connection. pg parses a name
// once per connection and binds it afterwards; the server keeps the statement until the connection
// closes, so each connection prepares at most KEPT_PER_CONNECTION of them.

type ClientWithNames = { client: pg.PoolClient; names: KeptNames };

/** A PostgresPoolClient that runs marked statements by name. */
class KeptPlanClient implements PostgresPoolClient {
  constructor(private readonly own: ClientWithNames) {}

  query<R>(sql: string, parameters: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(
    sqlOrCursor: string | PostgresCursor<R>,
    parameters?: ReadonlyArray<unknown>,
  ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    const { client, names } = this.own;
    if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never);
    const values = [...(parameters ?? [])];
    const name = keptPlanName(sqlOrCursor);
    if (name === null || !names.admit(name)) return client.query(sqlOrCursor, values) as never;
    // A failed parse is not recorded by pg: the next run parses again (its slot stays counted).
    return client.query({ name, text: sqlOrCursor, values }) as never;
  }

  release(): void {
    this.own.client.release();
  }
}

/** Wraps a pg Pool for Kysely's PostgresDialect: marked statements keep their plans per connection. */
export class KeptPlanPool implements PostgresPool {
  private readonly clients = new WeakMap<pg.PoolClient, KeptPlanClient>();

  constructor(private readonly pool: pg.Pool) {}

  async connect(): Promise<PostgresPoolClient> {
    const client = await this.pool.connect();
    let wrapped = this.clients.get(client);
    if (wrapped === undefined) {
      wrapped = new KeptPlanClient({ client, names: new KeptNames() });
      this.clients.set(client, wrapped);
    }
    return wrapped;
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
