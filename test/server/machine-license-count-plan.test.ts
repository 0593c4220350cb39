import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { machineLicenseCount } from '../../src-server/repositories/machine-license-count';
import { seedActivations, seedKreOrg, seedMachines, seedSessions } from '../../bench/server/bulk-seed';
import { DB_KINDS, startTestServer, type TestServer } from '../support/test-server';
import { planNodes } from '../support/plan-nodes';

// A line's machine licenses (machine-license-count.ts) are counted from its live sessions: which of
// their machines hold a reservation is probed by index, machine by machine, never by reading every
// activation of the line (a hash join the planner chose on a freshly loaded table, before a vacuum set
// the visibility map: the License Management read and the quota checks grew with every activation).
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

  it('R9 R22 probes the reservations of the live machines by index, never scanning the activations', async () => {
    const q = sql`select ${machineLicenseCount(line(), Date.now(), 3600)} as n`.compile(server.ctx.db);
    const result = await server.ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]),
    );
    const activations = planNodes(result.rows[0]?.['QUERY PLAN']).filter((n) => n.relation === 'activations');
    expect(activations.length).toBeGreaterThan(0);
    expect(activations.filter((n) => n.type === 'Seq Scan' || n.type.startsWith('Bitmap'))).toEqual([]);
  });

  it('R9 R22 counts every reserved machine once, its live session included', async () => {
    const n = await sql<{ n: number }>`select ${machineLicenseCount(line(), Date.now(), 3600)} as n`.execute(
      server.ctx.db,
    );
    expect(n.rows[0]?.n).toBe(MACHINES);
  });
});
