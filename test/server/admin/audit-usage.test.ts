import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN_PATHS } from '../../../shared/contracts/http/admin-paths';
import { auditCsvSchema, auditPageSchema, usageSeriesSchema } from '../../../shared/contracts/ipc-admin-org';
import { audit } from '../../../src-server/repositories/audit';
import { COUNT_WINDOW } from '../../../src-server/services/admin/audit-reads';
import { sql } from 'kysely';
import { fakeMachine } from '../../support/machines';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { activateOk, checkoutSession, grantSeat } from '../api';
import { expectOk } from './admin-kit';

const HOUR = 3_600_000;

describe.each(DB_KINDS)('audit log and usage (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  it('filters the audit log in SQL by action, product, machine, user and time, newest first, paged', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 3 });
    await seedSubscription(server.ctx, org.otherOrgId, { productId: 'kre', kind: 'session', quota: 3 });
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    await activateOk(server.app, org.outsider.apiKey, 'kre', fakeMachine());
    await audit(server.ctx.db, {
      action: 'note.old',
      orgId: org.orgId,
      productId: 'kse',
      actorUserId: org.admin.userId,
      details: { userId: org.member.userId },
    });
    const read = (query: Record<string, string | number>) =>
      expectOk(
        server.app,
        {
          method: 'GET',
          url: ADMIN_PATHS.audit(org.orgId),
          key: org.admin.apiKey,
          query: { offset: 0, limit: 50, ...query },
        },
        auditPageSchema,
      );
    const all = await read({});
    expect(all.items.length).toBe(all.total);
    expect(all.items.every((e, i, xs) => i === 0 || (xs[i - 1]?.at ?? '') >= e.at)).toBe(true);
    expect(all.items.some((e) => e.actor === org.outsider.email)).toBe(false);
    const byMachine = await read({ machineId: machine });
    expect(byMachine.total).toBeGreaterThan(0);
    expect(byMachine.items.every((e) => e.machineId === machine)).toBe(true);
    const byAction = await read({ action: 'note.old' });
    expect(byAction.items.map((e) => [e.action, e.actor, e.productId])).toEqual([
      ['note.old', org.admin.email, 'kse'],
    ]);
    expect((await read({ productId: 'kse' })).total).toBe(1);
    expect((await read({ userId: org.member.userId, action: 'note.old' })).total).toBe(1);
    expect((await read({ to: new Date(Date.now() - HOUR).toISOString() })).total).toBe(0);
    const paged = await read({ offset: 1, limit: 1 });
    expect(paged.items).toHaveLength(all.total > 1 ? 1 : 0);
    expect(paged.items[0]?.id).toBe(all.items[1]?.id);
  });

  it('counts the audit total at most COUNT_WINDOW past the offset: exact below it, a growing lower bound above', async () => {
    const org = await seedOrg(server.ctx);
    const n = COUNT_WINDOW + 100;
    await sql`insert into audit_events (org_id, action, details)
      select ${org.orgId}::uuid, 'note.bulk', '{}'::jsonb from generate_series(1, ${n}::int)`.execute(
      server.ctx.db,
    );
    const read = (offset: number) =>
      expectOk(
        server.app,
        {
          method: 'GET',
          url: ADMIN_PATHS.audit(org.orgId),
          key: org.admin.apiKey,
          query: { offset, limit: 50, action: 'note.bulk' },
        },
        auditPageSchema,
      );
    expect((await read(0)).total).toBe(COUNT_WINDOW);
    const deeper = await read(5_000);
    expect(deeper.total).toBe(n);
    expect(deeper.items).toHaveLength(50);
  });

  it('exports the filtered audit log as CSV with quoting and formula injection neutralised', async () => {
    const org = await seedOrg(server.ctx);
    const tricky = ['=HYPERLINK("http://x")', '+1+1', '-2', '@SUM(A1)', 'a, b', 'say "hi"', 'line1\nline2'];
    for (const reason of tricky) await audit(server.ctx.db, { action: 'note.csv', orgId: org.orgId, reason });
    await audit(server.ctx.db, { action: 'note.other', orgId: org.orgId, reason: 'not exported' });
    const file = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.auditCsv(org.orgId),
        key: org.admin.apiKey,
        query: { action: 'note.csv' },
      },
      auditCsvSchema,
    );
    expect(file.fileName).toMatch(/^audit-.*\.csv$/);
    expect(file).toMatchObject({ rows: tricky.length, truncated: false });
    const content = file.content;
    expect(content.startsWith('id,at,actor,action,product,machine,reason,details\r\n')).toBe(true);
    expect(content).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(content).toContain(",'+1+1,");
    expect(content).toContain(",'-2,");
    expect(content).toContain(",'@SUM(A1),");
    expect(content).toContain(',"a, b",');
    expect(content).toContain(',"say ""hi""",');
    expect(content).toContain(',"line1\nline2",');
    expect(content).not.toContain('not exported');
    expect(content.split('\r\n').filter((l) => l.includes('note.csv'))).toHaveLength(tricky.length);
  });

  it('says when the CSV export was cut at the 1 MB file limit, keeping the newest events that fit', async () => {
    const org = await seedOrg(server.ctx);
    await sql`insert into audit_events (at, org_id, action, reason, details)
      select now() - make_interval(secs => g), ${org.orgId}, 'note.bulk', repeat('x', 600), '{}'::jsonb
      from generate_series(1, 2500) g`.execute(server.ctx.db);
    const file = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.auditCsv(org.orgId),
        key: org.admin.apiKey,
        query: { action: 'note.bulk' },
      },
      auditCsvSchema,
    );
    expect(file.truncated).toBe(true);
    expect(file.rows).toBeGreaterThan(1000);
    expect(file.rows).toBeLessThan(2500);
    expect(file.content.length).toBeLessThanOrEqual(1_000_000);
    expect(file.content.trimEnd().split('\r\n')).toHaveLength(file.rows + 1);
  });

  it('usage series: sessions in use and quota per hour for the utilization chart', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'kre', kind: 'session', quota: 4 });
    const machine = (await activateOk(server.app, org.member.apiKey, 'kre', fakeMachine())).machineId;
    const session = await checkoutSession(server.app, org.member.apiKey, 'kre', machine);
    if (!session.ok) throw new Error(JSON.stringify(session.error));
    const now = Date.now();
    const from = new Date(Math.floor(now / HOUR) * HOUR - 2 * HOUR);
    const to = new Date(from.getTime() + 3 * HOUR);
    const series = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.usage(org.orgId, 'kre'),
        key: org.admin.apiKey,
        query: { from: from.toISOString(), to: to.toISOString(), bucket: 'hour' },
      },
      usageSeriesSchema,
    );
    expect(series.points.map((p) => [p.peak, p.quota])).toEqual([
      [0, 4],
      [0, 4],
      [1, 4],
    ]);
    expect(series.points[0]?.at).toBe(from.toISOString());
  });

  it('usage series counts assigned seats for seat products', async () => {
    const org = await seedOrg(server.ctx);
    await seedSubscription(server.ctx, org.orgId, { productId: 'testops-full', kind: 'seat', quota: 5 });
    await grantSeat(server.app, org.admin.apiKey, org.orgId, 'testops-full', org.member.userId);
    const day = 86_400_000;
    const from = new Date(Math.floor(Date.now() / day) * day - day);
    const series = await expectOk(
      server.app,
      {
        method: 'GET',
        url: ADMIN_PATHS.usage(org.orgId, 'testops-full'),
        key: org.admin.apiKey,
        query: {
          from: from.toISOString(),
          to: new Date(from.getTime() + 2 * day).toISOString(),
          bucket: 'day',
        },
      },
      usageSeriesSchema,
    );
    expect(series.points.map((p) => [p.peak, p.quota])).toEqual([
      [0, 5],
      [1, 5],
    ]);
  });
});
