import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { serializedPgliteDialect } from './pglite-dialect';
import type { Database } from './schema';

/** Where the data lives: an embedded PGlite directory (default; `memory://` for tests) or PostgreSQL. */
export type DatabaseTarget =
  { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string; poolSize?: number };

/** An open database plus a human description for the start banner. */
export interface OpenDatabase {
  readonly db: Kysely<Database>;
  readonly description: string;
}

/** Opens the database; PGlite through the serializing dialect, PostgreSQL through a pg Pool. */
export async function openDatabase(target: DatabaseTarget): Promise<OpenDatabase> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: target.poolSize ?? 10 });
    const url = new URL(target.url);
    return {
      db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }),
      description: `PostgreSQL ${url.host}${url.pathname}`,
    };
  }
  const inMemory = target.dataDir.startsWith('memory://');
  if (!inMemory) mkdirSync(target.dataDir, { recursive: true });
  const client = await PGlite.create(inMemory ? undefined : target.dataDir);
  return {
    db: new Kysely<Database>({ dialect: serializedPgliteDialect(client) }),
    description: inMemory ? 'PGlite in memory' : `PGlite ${target.dataDir}`,
  };
}
