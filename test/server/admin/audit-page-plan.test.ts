import { CompiledQuery, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { AuditFilter } from '../../../shared/contracts/http/admin-org';
import { auditPage, auditPageStatement } from '../../../src-server/services/admin/audit-reads';
import { seedOrg, type SeededOrg } from '../../support/seed';
import { startTestServer, type TestServer } from '../../support/test-server';
import { planNodes } from '../../support/plan-nodes';

// An organization's audit page reads that organization's events only, whatever the others wrote. The
// bench found the page by action and by user and range at 60–70 ms where they took 6–9 ms alone: the
// organization held most of the table, so the planner walked the time-only index newest first and
// filtered out the other organizations' 150,000 newer events. No timing: the page statement's plan
// is read with EXPLAIN ANALYZE on a table shaped that way.

const EVENTS = 70_000;
const OTHERS = EVENTS / 7;

describe('audit page beside newer events of other organizations (postgres)', () => {
  let server: TestServer;
  let org: SeededOrg;
  beforeAll(async () => {
    server = await startTestServer({ db: 'postgres', postgresUrl: inject('postgresUrl') });
    org = await seedOrg(server.ctx);
    // One in seven events is the other organization’s, all within the last hour; this organization’s
    // end an hour ago. Written interleaved, as many organizations' events are.
    await sql`insert into audit_events (at, actor_user_id, org_id, action, product_id, machine_id, details)
      select case when g % 7 = 0 then now() - (g / 7) * interval '100 ms' else now() - interval '1 hour' - g * interval '1 second' end,
        case when g % 7 = 0 then ${org.outsider.userId}::uuid else ${org.admin.userId}::uuid end,
        case when g % 7 = 0 then ${org.otherOrgId}::uuid else ${org.orgId}::uuid end,
        (array['activation.created', 'session.started', 'session.ended'])[1 + g % 3], 'kre', 'M-' || (g % 500), '{}'::jsonb
      from generate_series(1, ${EVENTS}::int) g`.execute(server.ctx.db);
    await sql`vacuum analyze audit_events`.execute(server.ctx.db);
  }, 120_000);
  afterAll(() => server.close());

  const rowsFiltered = async (filter: AuditFilter) => {
    const q = auditPageStatement(server.ctx.db, { orgId: org.orgId, filter, offset: 0, limit: 50 }).compile();
    const result = await server.ctx.db.executeQuery<{ 'QUERY PLAN': unknown }>(
      CompiledQuery.raw(`explain (analyze, format json) ${q.sql}`, [...q.parameters]),
    );
    const reads = planNodes(result.rows[0]?.['QUERY PLAN']).filter((n) => n.relation === 'audit_events');
    expect(reads.length).toBeGreaterThan(0);
    return reads.reduce((sum, n) => sum + (n.removed ?? 0) * (n.loops ?? 1), 0);
  };
  const week = () => ({
    from: new Date(Date.now() - 7 * 86_400_000).toISOString(),
    to: new Date().toISOString(),
  });

  it('R15 the page of one action reads none of the other organization’s events', async () => {
    expect(await rowsFiltered({ action: 'session.started' })).toBeLessThan(OTHERS / 10);
  });

  it('R15 the page of one user over a range reads none of the other organization’s events', async () => {
    expect(await rowsFiltered({ userId: org.admin.userId, ...week() })).toBeLessThan(OTHERS / 10);
  });

  it('R15 the page shows the organization’s own newest events, none of the other’s', async () => {
    const page = await auditPage(server.ctx, {
      userId: org.admin.userId,
      orgId: org.orgId,
      filter: { userId: org.admin.userId, ...week() },
      offset: 0,
      limit: 50,
    });
    if (!page.ok) throw new Error(page.error.message);
    expect(page.value.items).toHaveLength(50);
    expect(page.value.items.every((e) => e.action !== undefined && e.actor !== org.outsider.userId)).toBe(
      true,
    );
    const newestOwn = new Date(Date.now() - 3_600_000 - 1_000).getTime();
    expect(Date.parse(page.value.items[0]?.at ?? '')).toBeLessThanOrEqual(newestOwn + 5_000);
  });
});
