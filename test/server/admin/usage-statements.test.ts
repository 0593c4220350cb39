import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { usageSeries } from '../../../src-server/services/admin/usage-series';
import { seedActivations, seedKreOrg, seedMachines, seedSessions } from '../../../bench/server/bulk-seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';

// The utilization chart of a line whose machines are reserved and whose sessions run inside their
// reservations is read in two statements: the caller's role with every line of the product
// (line-chain.ts), then the question which lines have spans, the sweep of the kept history and the
// `now` count together (usage-sweep.ts `sweepUsageBeside`). Each statement costs a parse and a plan
// (PGlite) or a round trip (PostgreSQL): the chart used four before.

const MACHINES = 40;
const DAY = 86_400_000;

describe.each(DB_KINDS)('the utilization chart reads (%s)', (db) => {
  let server: TestServer;
  let org: Awaited<ReturnType<typeof seedKreOrg>>;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    org = await seedKreOrg(server.ctx.db, 'chart-statements');
    const whose = { prefix: 'chart-statements', subscriptionId: org.subscriptionId, userId: org.userId };
    await seedMachines(server.ctx.db, {
      prefix: 'chart-statements',
      orgId: org.orgId,
      from: 1,
      to: MACHINES,
    });
    await seedActivations(server.ctx.db, { ...whose, from: 1, to: MACHINES });
    await seedSessions(server.ctx.db, { ...whose, from: 1, to: MACHINES / 2 });
  });
  afterAll(() => server.close());

  /** Runs the chart with every statement it sends recorded. */
  const chartCounting = async () => {
    const statements: string[] = [];
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        statements.push(args.node.kind);
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const now = server.ctx.now();
    const result = await usageSeries(
      { ...server.ctx, db: server.ctx.db.withPlugin(counting) },
      {
        userId: org.userId,
        orgId: org.orgId,
        productId: 'kre',
        from: new Date(now - 30 * DAY).toISOString(),
        to: new Date(now + 1).toISOString(),
        bucket: 'day',
      },
    );
    if (!result.ok) throw new Error(result.error.message);
    return { statements, chart: result.value };
  };

  it('R9 R22 charts reserved machines whose sessions run inside their reservations in two statements', async () => {
    const { statements, chart } = await chartCounting();
    expect(statements).toHaveLength(2);
    expect(chart.now.used).toBe(MACHINES);
    expect(chart.points.at(-1)?.peak).toBe(MACHINES);
  });

  it('R9 R22 sweeps the spans too, in a statement of their own, once a session runs outside its reservation', async () => {
    await sql`update sessions set inside_reservation = false where id in (select id from sessions
      where subscription_id = ${org.subscriptionId} order by id limit 1)`.execute(server.ctx.db);
    const { statements, chart } = await chartCounting();
    // The first statement, then the span sweep in a transaction: begin, its work_mem, the sweep, commit.
    expect(statements.length).toBeGreaterThan(2);
    expect(chart.now.used).toBe(MACHINES);
    expect(chart.points.at(-1)?.peak).toBe(MACHINES);
  });
});
