import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { machineLicenseCount } from '../../src-server/repositories/machine-license-count';
import { seedActivations, seedKreOrg, seedMachines, seedSessions } from '../../bench/server/bulk-seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { planNodes } from '../support/plan-nodes';

// A line's machine licenses (machine-license-count.ts) are counted from its live sessions: whether
// their machines hold a reservation is read from the sessions' kept on_reservation flag (migration
// 20261201T0900), never from the activations: neither one index probe per live machine (~1,000 for
// Subscription Details at the admin bench's shape) nor a read of every activation of the line (a hash
// join the planner chose on a freshly loaded table, before a vacuum set the visibility map).
// No timing: the plan is read with EXPLAIN on a table loaded just before, as the admin bench does.

const MACHINES = 20_000;
const LIVE = 200;

describe.each(DB_KINDS)('machine license count plan (%s)', (db) => {
  let server: TestServer;
  let subscriptionId: string;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
    const org = await seedKreOrg(server.ctx.db, 'plan');
    subscriptionId = org.subscriptionId;
    const whose = { prefix: 'plan', subscriptionId, userId: org.userId };
    await seedMachines(server.ctx.db, { prefix: 'plan', orgId: org.orgId, from: 1, to: MACHINES });
    await seedActivations(server.ctx.db, { ...whose, from: 1, to: MACHINES });
    await seedSessions(server.ctx.db, { ...whose, from: 1, to: LIVE });
    await sql`analyze`.execute(server.ctx.db);
  }, 180_000);
  afterAll(() => server.close());

  const line = () => ({ id: subscriptionId, kind: 'session' as const, reservesMachines: true });

  it('R9 R22 reads whether live machines are reserved from the session rows, never from the activations', async () => {
    const q = sql`select ${machineLicenseCount(line(), Date.now(), 3600)} as n`.compile(server.ctx.db);
    const result = await server.ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`explain (analyze, format json) ${q.sql}`, [...q.parameters]),
    );
    const nodes = planNodes(result.rows[0]?.['QUERY PLAN']);
    expect(nodes.map((n) => n.relation)).toContain('sessions');
    // The line has no offline file, so the one probe of activations (an offline file's machine) never runs.
    const activationLoops = nodes.filter((n) => n.relation === 'activations').map((n) => n.loops ?? -1);
    expect(activationLoops.every((loops) => loops === 0)).toBe(true);
  });

  it('R9 R22 counts every reserved machine once, its live session included', async () => {
    const n = await sql<{ n: number }>`select ${machineLicenseCount(line(), Date.now(), 3600)} as n`.execute(
      server.ctx.db,
    );
    expect(n.rows[0]?.n).toBe(MACHINES);
  });
});
