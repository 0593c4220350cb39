import { sql, type RawBuilder } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seedKreOrg, seedMachines, uuidOf } from '../../bench/server/bulk-seed';
import { migrateTo, migrateToLatest } from '../../src-server/db/migrate';
import { startTestServer, type TestServer } from '../support/test-server';
import { planNodes, type PlanNode } from '../support/plan-nodes';

// The statement triggers on activations (live_machine_counts, reservation_changes, sessions'
// on_reservation; src-server/db/migrations/statement-triggers.ts) read the statement's rows from its
// transition tables. A statement writing many activations while the table's statistics still say it is
// nearly empty (a bulk load, an import) once made the planner re-read the `fresh` table for every
// activation (a nested-loop anti-join): 100,000 activations in one INSERT ran for minutes. Every read
// of a transition table must run once per trigger statement, whatever the statistics say.
// No timing: the plans are read from auto_explain (PostgreSQL only; the SQL is the same on PGlite).

const N = 2_000;

/** auto_explain's plans of every statement `work` runs, nested trigger statements included. */
async function plansOf(
  databaseUrl: string,
  work: (client: pg.Client) => Promise<void>,
): Promise<PlanNode[][]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  const plans: PlanNode[][] = [];
  client.on('notice', (notice) => {
    const text = notice.message ?? '';
    const json = text.slice(text.indexOf('{'));
    if (text.includes('plan:') && json.startsWith('{')) plans.push(planNodes(JSON.parse(json) as unknown));
  });
  await client.connect();
  try {
    await client.query(`load 'auto_explain'`);
    for (const setting of [
      'auto_explain.log_min_duration = 0',
      'auto_explain.log_analyze = on',
      'auto_explain.log_timing = off',
      'auto_explain.log_nested_statements = on',
      'auto_explain.log_format = json',
      'auto_explain.log_level = notice',
    ])
      await client.query(`set ${setting}`);
    await work(client);
  } finally {
    await client.end();
  }
  return plans;
}

describe('statement triggers on a bulk write with stale statistics (postgres)', () => {
  let server: TestServer;
  let org: Awaited<ReturnType<typeof seedKreOrg>>;
  beforeAll(async () => {
    server = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl') });
    org = await seedKreOrg(server.ctx.db, 'tt');
    await seedMachines(server.ctx.db, { prefix: 'tt', orgId: org.orgId, from: 1, to: N });
    // The statistics of an empty activations table: the planner expects a handful of rows.
    await sql`analyze`.execute(server.ctx.db);
  }, 120_000);
  afterAll(() => server.close());

  const run = (client: pg.Client, statement: RawBuilder<unknown>) => {
    const q = statement.compile(server.ctx.db);
    return client.query(q.sql, [...q.parameters]);
  };
  const counted = async () => {
    const r = await sql<{ machines: number | null; reserved: number | null }>`select
      (select machines from live_machine_counts where subscription_id = ${org.subscriptionId}) as machines,
      (select sum(d)::int from reservation_changes where subscription_id = ${org.subscriptionId}) as reserved`.execute(
      server.ctx.db,
    );
    return r.rows[0];
  };
  const tuplestoreScans = (plans: PlanNode[][]) =>
    plans.flat().filter((n) => n.type === 'Named Tuplestore Scan');

  it('R16 R22 an INSERT of 2,000 activations reads its transition table once per trigger statement', async () => {
    const plans = await plansOf(server.databaseUrl ?? '', (client) =>
      run(
        client,
        sql`insert into activations (subscription_id, machine_ref, user_id, lease_expires_at)
          select ${org.subscriptionId}::uuid, ${uuidOf(sql`'tt:machine:' || g`)}, ${org.userId}::uuid,
            now() + interval '7 days'
          from generate_series(1, ${N}::int) g`,
      ).then(() => undefined),
    );
    const scans = tuplestoreScans(plans);
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.map((n) => n.loops ?? 0).filter((loops) => loops > 1)).toEqual([]);
    expect(await counted()).toEqual({ machines: N, reserved: N });
  });

  it('R16 R22 an UPDATE ending 2,000 activations reads its transition tables once per trigger statement', async () => {
    const plans = await plansOf(server.databaseUrl ?? '', (client) =>
      run(
        client,
        sql`update activations set deactivated_at = now() where subscription_id = ${org.subscriptionId}::uuid`,
      ).then(() => undefined),
    );
    const scans = tuplestoreScans(plans);
    expect(scans.length).toBeGreaterThan(0);
    expect(scans.map((n) => n.loops ?? 0).filter((loops) => loops > 1)).toEqual([]);
    expect(await counted()).toEqual({ machines: 0, reserved: 0 });
  });

  it('migration 20261201T1900 gives a database migrated before it the set-difference functions', async () => {
    const functions = ['live_machine_counts_on_insert', 'reservation_history_on_update'];
    const bodies = async () =>
      (
        await sql<{ body: string }>`select prosrc as body from pg_proc
          where proname in (${sql.join(functions)}) order by proname`.execute(server.ctx.db)
      ).rows.map((r) => r.body);
    const current = await bodies();
    expect(current.every((body) => body.includes(' except select '))).toBe(true);
    await migrateTo(server.ctx.db, '20261201T1300-session-inside-reservation');
    // As a database made before this change has them: a `not exists` against the transition table.
    for (const name of functions)
      await sql
        .raw(
          `create or replace function ${name}() returns trigger language plpgsql as $b$begin
          perform 1 where not exists (select 1 from activations); return null; end$b$`,
        )
        .execute(server.ctx.db);
    expect((await bodies()).some((body) => body.includes(' except select '))).toBe(false);
    expect(await migrateToLatest(server.ctx.db)).toContain('20261201T1900-trigger-set-differences');
    expect(await bodies()).toEqual(current);
  });
});
