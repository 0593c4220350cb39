import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { KEPT_PER_CONNECTION, keptPlan, keptPlanName } from '../../src-server/db/kept-plans';
import { openDatabase } from '../../src-server/db/open-database';
import type { Database } from '../../src-server/db/schema';
import { createPostgresDatabase, DB_KINDS } from '../support/test-server';

// A read marked with `keptPlan` runs as a named prepared statement of its connection
// (src-server/db/kept-plans.ts): the same rows as unmarked, whatever the values bound; prepared once
// per connection; at most KEPT_PER_CONNECTION names per connection, the rest run unnamed; an error
// leaves the connection usable.

/** A marked read over every kind of value the server binds: text, uuid, timestamptz, json, numbers, null. */
const read = (v: { text: string; at: Date; json: string; n: number; maybe: string | null }) =>
  sql<{ text: string; at: Date; json: unknown; n: number; maybe: string | null; id: string }>`
    select ${v.text}::text as text, ${v.at}::timestamptz as at, ${v.json}::jsonb as json,
      ${v.n}::int * 2 as n, ${v.maybe}::text as maybe, ${'6f1c1c7e-7d0b-4a3e-9a59-0d5e5a1d2c3b'}::uuid as id`;

describe.each(DB_KINDS)('kept plans (%s)', (kind) => {
  let db: Kysely<Database>;
  beforeAll(async () => {
    const opened =
      kind === 'pglite'
        ? await openDatabase({ kind, dataDir: 'memory://' })
        : await openDatabase({ kind, url: await createPostgresDatabase(inject('postgresUrl')) });
    db = opened.db;
  });
  afterAll(() => db.destroy());

  /** Runs `f` on one connection (a transaction) so the prepared statements it sees are that connection's. */
  const onOneConnection = <T>(f: (trx: Kysely<Database>) => Promise<T>) => db.transaction().execute(f);
  const preparedNamed = (trx: Kysely<Database>, names: readonly string[]) =>
    sql<{ n: number }>`select count(*)::int as n from pg_prepared_statements
      where name in (${sql.join(names)})`.execute(trx);

  it('gives the rows the unmarked statement gives, for new values each time', async () => {
    for (const [i, maybe] of ['a', null, "it's"].entries()) {
      const values = {
        text: `row ${i} ' "quoted"`,
        at: new Date(Date.UTC(2026, 0, 1 + i, 12, 0, 0, 123)),
        json: JSON.stringify({ i, list: [1, 2, i] }),
        n: 21 + i,
        maybe,
      };
      const plain = (await read(values).execute(db)).rows;
      const kept = (await keptPlan(read(values)).execute(db)).rows;
      expect(kept).toEqual(plain);
      expect(kept[0]?.at).toEqual(values.at);
    }
  });

  it('is prepared once per connection under the name of its text', async () => {
    const statement = keptPlan(sql<{ n: number }>`select ${5}::int + 1 as n`);
    const name = keptPlanName(statement.compile(db).sql);
    expect(name).not.toBeNull();
    const counts = await onOneConnection(async (trx) => {
      for (let i = 0; i < 3; i++) expect((await statement.execute(trx)).rows).toEqual([{ n: 6 }]);
      return (await preparedNamed(trx, [name ?? ''])).rows[0]?.n;
    });
    expect(counts).toBe(1);
    expect(keptPlanName(sql`select 1`.compile(db).sql)).toBeNull();
  });

  it(`prepares at most ${KEPT_PER_CONNECTION} statements per connection and runs the others unnamed`, async () => {
    const statements = Array.from({ length: KEPT_PER_CONNECTION + 5 }, (_, i) =>
      keptPlan(sql<{ n: number }>`select ${i}::int as n, ${sql.lit(`cap ${i}`)} as label`),
    );
    const names = statements.map((s) => keptPlanName(s.compile(db).sql) ?? '');
    const prepared = await onOneConnection(async (trx) => {
      for (const [i, s] of statements.entries()) expect((await s.execute(trx)).rows[0]?.n).toBe(i);
      return (await preparedNamed(trx, names)).rows[0]?.n;
    });
    expect(prepared).toBeGreaterThan(0);
    expect(prepared).toBeLessThanOrEqual(KEPT_PER_CONNECTION);
  });

  it('reports an error of a kept statement as the database gave it and keeps the connection usable', async () => {
    const divide = (by: number) => keptPlan(sql<{ n: number }>`select 10 / ${by}::int as n`);
    await expect(divide(0).execute(db)).rejects.toMatchObject({ code: '22012' });
    expect((await divide(5).execute(db)).rows).toEqual([{ n: 2 }]);
    await expect(keptPlan(sql`select from nowhere_at_all`).execute(db)).rejects.toMatchObject({
      code: '42P01',
    });
    expect((await divide(2).execute(db)).rows).toEqual([{ n: 5 }]);
  });
});
