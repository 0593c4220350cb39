import { CompiledQuery, sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { linesWithSpans } from '../../src-server/repositories/span-changes';
import { sweepStatement, sweepUsage } from '../../src-server/repositories/usage-sweep';
import { seedActivations, seedKreOrg, seedMachines, seedSessions } from '../../bench/server/bulk-seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { planNodes, type PlanNode } from '../support/plan-nodes';

// The utilization chart of a line that reserves machines reads its reserved machines from the kept
// history (reservation_changes, migration 20261201T1000-reservation-history) and visits activations
// only for the machines that ran sessions not known to run inside a reservation (sessions.inside_reservation,
// migration 20261201T1300): never one row per reserved machine. No timing: the plan is
// read with EXPLAIN ANALYZE on tables loaded just before, as the admin bench does.

const MACHINES = 20_000;
const LIVE = 200;
const DAY = 86_400_000;

describe.each(DB_KINDS)('usage sweep plan (%s)', (db) => {
  let server: TestServer;
  let subscriptionId: string;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    const org = await seedKreOrg(server.ctx.db, 'sweep-plan');
    subscriptionId = org.subscriptionId;
    const whose = { prefix: 'sweep-plan', subscriptionId, userId: org.userId };
    await seedMachines(server.ctx.db, { prefix: 'sweep-plan', orgId: org.orgId, from: 1, to: MACHINES });
    await seedActivations(server.ctx.db, { ...whose, from: 1, to: MACHINES });
    await seedSessions(server.ctx.db, { ...whose, from: 1, to: LIVE });
    await sql`analyze`.execute(server.ctx.db);
  }, 180_000);
  afterAll(() => server.close());

  const chart = () => {
    const now = Date.now();
    const starts = Array.from({ length: 30 }, (_, i) => now - (30 - i) * DAY);
    return {
      lines: [{ id: subscriptionId, kind: 'session' as const, reservesMachines: true }],
      range: { starts, end: now + 1, now, ttlSeconds: 3600 },
    };
  };

  /** The plan nodes of a statement, from EXPLAIN ANALYZE. */
  const nodesOf = async (statement: RawBuilder<unknown>) => {
    const q = statement.compile(server.ctx.db);
    const result = await server.ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`explain (analyze, format json) ${q.sql}`, [...q.parameters]),
    );
    return planNodes(result.rows[0]?.['QUERY PLAN']);
  };
  /** Rows the nodes given pass on, × loops. */
  const rowsGiven = (nodes: readonly PlanNode[]) =>
    nodes.reduce((sum, n) => sum + (n.rows ?? 0) * (n.loops ?? 0), 0);

  /** Activation rows a statement reads (rows given or filtered out, × loops, of every plan node on activations), from EXPLAIN ANALYZE. */
  const activationRowsVisited = async (
    statement: RawBuilder<unknown> = sweepStatement(chart().lines, chart().range),
  ): Promise<number> =>
    (await nodesOf(statement))
      .filter((n) => n.relation === 'activations')
      .reduce((sum, n) => sum + ((n.rows ?? 0) + (n.removed ?? 0)) * (n.loops ?? 0), 0);

  it('R22 R25 charts reserved machines from the kept history, reading no activation for sessions inside their reservations', async () => {
    expect(await activationRowsVisited()).toBe(0);
  });

  it('R22 R25 visits the activations of session machines not known to run inside a reservation, one probe each', async () => {
    const cleared = 50;
    const flag = (inside: boolean) =>
      sql`update sessions set inside_reservation = ${inside} where id in (select id from sessions
        where subscription_id = ${subscriptionId} order by id limit ${cleared})`.execute(server.ctx.db);
    await flag(false);
    try {
      const visited = await activationRowsVisited();
      expect(visited).toBeGreaterThan(0);
      expect(visited).toBeLessThanOrEqual(2 * cleared);
    } finally {
      await flag(true);
    }
  });

  it('R22 R25 the last bucket holds every reserved machine once, its session included', async () => {
    const { lines, range } = chart();
    const buckets = await sweepUsage(server.ctx.db, lines, range);
    expect(buckets.at(-1)?.peak).toBe(MACHINES);
    expect(buckets[0]?.level).toBe(0);
  });

  it('R22 R25 with every session inside its reservation the chart is swept from the kept history alone, equal to the full sweep', async () => {
    const { lines, range } = chart();
    const spanRange = { ...range, from: range.starts[0] ?? range.end, to: range.end, pastEnd: false };
    expect((await linesWithSpans(lines, spanRange).execute(server.ctx.db)).rows).toEqual([]);
    // Asked whether there is anything to sweep, the planner must not scan the line's activations for
    // one ending before it starts (it did, looking for a first row with `exists`).
    expect(await activationRowsVisited(linesWithSpans(lines, spanRange))).toBe(0);
    const full = await server.ctx.db.transaction().execute(async (trx) => {
      await sql`set local jit = off`.execute(trx);
      return (await sweepStatement(lines, range).execute(trx)).rows;
    });
    const swept = await sweepUsage(server.ctx.db, lines, range);
    expect(swept.map((b) => [b.at, b.level, b.peak, b.area])).toEqual(
      full.map((r) => [Number(r.at), r.level, r.peak, Number(r.area)]),
    );
    expect(swept.at(-1)?.peak).toBe(MACHINES);
  });

  it('R22 R25 asks whether any session ran outside its reservation without passing the sessions inside theirs on to a grouping', async () => {
    const { lines, range } = chart();
    const spanRange = { ...range, from: range.starts[0] ?? range.end, to: range.end, pastEnd: false };
    const nodes = await nodesOf(linesWithSpans(lines, spanRange));
    // Before migration 20261201T2200 every session was grouped by machine to find each alone on it.
    expect(rowsGiven(nodes.filter((n) => n.relation === 'sessions'))).toBe(0);
  });
});
