import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { KyselyPGlite } from 'kysely-pglite';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateDown, migrateToLatest } from '../../src-server/db/migrate';
import { openDatabase } from '../../src-server/db/open-database';
import { serializedPgliteDialect } from '../../src-server/db/pglite-dialect';
import { createPostgresDatabase, DB_KINDS } from '../support/test-server';

interface CounterDb {
  counter: { id: number; n: number };
}

/** Two read-modify-write transactions at once; returns the final counter (2 if they were isolated). */
async function racingIncrements(db: Kysely<CounterDb>): Promise<number> {
  await sql`create table counter (id int primary key, n int not null)`.execute(db);
  await sql`insert into counter values (1, 0)`.execute(db);
  const increment = () =>
    db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await trx
        .updateTable('counter')
        .set({ n: row.n + 1 })
        .where('id', '=', 1)
        .execute();
    });
  await Promise.allSettled([increment(), increment()]);
  const { n } = await db.selectFrom('counter').select('n').where('id', '=', 1).executeTakeFirstOrThrow();
  await db.destroy();
  return n;
}

describe('PGlite is one connection, so transactions must be serialized', () => {
  it('kysely-pglite interleaves concurrent transactions and loses an update (why we do not use its driver)', async () => {
    const { dialect } = new KyselyPGlite(await PGlite.create());
    expect(await racingIncrements(new Kysely<CounterDb>({ dialect }))).not.toBe(2);
  });

  it('the serialized dialect runs them one after the other and keeps both updates', async () => {
    const db = new Kysely<CounterDb>({ dialect: serializedPgliteDialect(await PGlite.create()) });
    expect(await racingIncrements(db)).toBe(2);
  });
});

describe.each(DB_KINDS)('migrations (%s)', (kind) => {
  let url = '';
  beforeAll(async () => {
    if (kind === 'postgres') url = await createPostgresDatabase(inject('postgresUrl'));
  });

  it('migrate up to latest, all the way down, and up again', async () => {
    const { db } = await openDatabase(kind === 'postgres' ? { kind, url } : { kind, dataDir: 'memory://' });
    const applied = await migrateToLatest(db);
    expect(applied.slice(0, 4)).toEqual([
      '20261123T1000-identity',
      '20261123T1010-licensing',
      '20261123T1020-keys-audit',
      '20261123T1030-read-indexes',
    ]);
    for (let i = 0; i < applied.length; i += 1) await migrateDown(db);
    const tables = await sql<{
      n: number;
    }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'`.execute(
      db,
    );
    expect(tables.rows[0]?.n).toBe(0);
    expect(await migrateToLatest(db)).toHaveLength(applied.length);
    expect(await migrateToLatest(db)).toHaveLength(0);
    await db.destroy();
  });
});

describe('PostgreSQL connections', () => {
  it("turn the JIT compiler off and keep the options the URL gives (the server's statements are short)", async () => {
    const url = new URL(await createPostgresDatabase(inject('postgresUrl')));
    url.searchParams.set('options', '-c statement_timeout=1234');
    const { db } = await openDatabase({ kind: 'postgres', url: url.toString() });
    const settings = await sql<{
      jit: string;
      timeout: string;
    }>`select current_setting('jit') as jit, current_setting('statement_timeout') as timeout`.execute(db);
    expect(settings.rows[0]).toEqual({ jit: 'off', timeout: '1234ms' });
    await db.destroy();
  });
});
