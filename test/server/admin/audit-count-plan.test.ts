import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { auditCountStatement, COUNT_WINDOW } from '../../../src-server/services/admin/audit-reads';
import { seedOrg, type SeededOrg } from '../../support/seed';
import { startTestServer, type TestServer } from '../../support/test-server';
import { planNodes } from '../../support/plan-nodes';

// The audit total is counted from indexes alone: the hash-chained audit rows are wide, so a count
// that visits them (a join, or a filter on a column outside the index) costs twice the pages it did
// before the chain. No timing: the plan of the statement the audit page runs is read with EXPLAIN.

const EVENTS = 60_000;

describe('audit total on PostgreSQL', () => {
  let server: TestServer;
  let org: SeededOrg;
  beforeAll(async () => {
    server = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx);
    await sql`insert into audit_events (at, actor_user_id, org_id, action, product_id, machine_id, details)
      select now() - g * interval '30 seconds', ${org.admin.userId}::uuid, ${org.orgId}::uuid,
        (array['activation.created', 'session.started', 'session.ended'])[1 + g % 3], 'kre', 'M-' || (g % 500), '{}'::jsonb
      from generate_series(1, ${EVENTS}::int) g`.execute(server.ctx.db);
    await sql`vacuum analyze audit_events`.execute(server.ctx.db);
  }, 120_000);
  afterAll(() => server.close());

  const planOf = async (filter: Parameters<typeof auditCountStatement>[2]) => {
    const q = auditCountStatement(server.ctx.db, org.orgId, filter, COUNT_WINDOW).compile(server.ctx.db);
    const result = await server.ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`explain (format json) ${q.sql}`, [...q.parameters]),
    );
    return planNodes(result.rows[0]?.['QUERY PLAN']);
  };
  const heapReads = (plan: { type: string; relation: string | undefined }[]) =>
    plan.filter((n) => n.relation === 'audit_events' && n.type !== 'Index Only Scan').map((n) => n.type);

  it('R15 counts the events of one action from the org/action/time index without reading audit rows', async () => {
    const plan = await planOf({ action: 'session.started' });
    expect(heapReads(plan)).toEqual([]);
    expect(plan.some((n) => n.type === 'Index Only Scan')).toBe(true);
  });

  it('R15 counts the events a user made in a time range from the org/actor/time index without reading audit rows', async () => {
    const now = Date.now();
    const plan = await planOf({
      userId: org.admin.userId,
      from: new Date(now - 7 * 86_400_000).toISOString(),
      to: new Date(now).toISOString(),
    });
    // The half "about the user, made by someone else" reads its expression index and the few rows it finds.
    const actorHalf = plan.filter((n) => n.relation === 'audit_events');
    expect(actorHalf.some((n) => n.type === 'Index Only Scan')).toBe(true);
    expect(actorHalf.filter((n) => n.type === 'Seq Scan' || n.type === 'Index Scan')).toEqual([]);
  });

  it('R15 counts the same totals as the filters read row by row', async () => {
    const now = Date.now();
    const range = { from: new Date(now - 86_400_000).toISOString(), to: new Date(now).toISOString() };
    const count = async (filter: Parameters<typeof auditCountStatement>[2], cap: number) =>
      (await auditCountStatement(server.ctx.db, org.orgId, filter, cap).execute(server.ctx.db)).rows[0]?.n;
    const inDay = Math.floor(86_400 / 30) - 1;
    expect(await count({ userId: org.admin.userId, ...range }, 100_000)).toBe(inDay);
    expect(await count({ userId: org.admin.userId, ...range }, 100)).toBe(100);
    expect(await count({ userId: org.member.userId, ...range }, 100_000)).toBe(0);
    expect(await count({ action: 'session.started' }, 100_000)).toBe(EVENTS / 3);
  });
});
