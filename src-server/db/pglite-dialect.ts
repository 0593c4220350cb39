import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from 'kysely';
import { keptPlanName } from './kept-plans';
import { runKept, type KeptStatements } from './pglite-kept-plans';

// PGlite is ONE connection. kysely-pglite's driver hands it to every caller at once, so two
// concurrent transactions interleave their statements (BEGIN, BEGIN, …) and quota locks mean
// nothing. This driver queues callers: whoever holds the connection (a query or a whole
// transaction) releases it before the next one starts.

class PgliteConnection implements DatabaseConnection {
  private readonly kept: KeptStatements = new Map();

  constructor(private readonly client: PGlite) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // A read marked with `keptPlan` (kept-plans.ts) runs as a prepared statement of its name.
    const name = keptPlanName(query.sql);
    const result =
      (name === null
        ? null
        : await runKept<R>(this.client, this.kept, {
            name,
            text: query.sql,
            parameters: query.parameters,
          })) ?? (await this.client.query<R>(query.sql, [...query.parameters]));
    const affected = result.affectedRows;
    return affected === undefined
      ? { rows: result.rows }
      : { rows: result.rows, numAffectedRows: BigInt(affected) };
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming.');
  }
}

class SerializedPgliteDriver implements Driver {
  private tail: Promise<void> = Promise.resolve();
  private release: (() => void) | undefined;
  private readonly connection: PgliteConnection;

  constructor(private readonly client: PGlite) {
    this.connection = new PgliteConnection(client);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.tail;
    let release!: () => void;
    this.tail = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.tail;
    await this.client.close();
  }
}

/** A Kysely dialect over one PGlite instance that serializes queries and transactions. */
export const serializedPgliteDialect = (client: PGlite): Dialect => ({
  createAdapter: () => new PostgresAdapter(),
  createDriver: () => new SerializedPgliteDriver(client),
  createIntrospector: (db) => new PostgresIntrospector(db),
  createQueryCompiler: () => new PostgresQueryCompiler(),
});
