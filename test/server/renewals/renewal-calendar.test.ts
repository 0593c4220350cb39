import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyDueRenewals } from '../../../src-server/jobs/renewal-scheduler';
import { renewalOrderView } from '../../../src-server/services/renewals/order-view';
import { findRenewalOrder, scheduleRenewal } from '../../../src-server/services/renewals/renewal-orders';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { legacyOrg, linesAt, perUserHoldersAt } from './legacy-org';

// R28–R30 on the calendar (grace end 2022-06-07 from the catalog): each row is a renewal order run
// by the scheduler at its due instant; `probe` is an instant inside the new term.
const ROWS = [
  {
    name: 'monthly, before the grace end',
    cycle: 'monthly',
    end: '2022-05-14',
    due: '2022-05-14',
    newEnd: '2022-06-14',
    convert: false,
    probe: '2022-06-01',
  },
  {
    name: 'monthly, on the grace end',
    cycle: 'monthly',
    end: '2022-06-07',
    due: '2022-06-07',
    newEnd: '2022-07-07',
    convert: true,
    probe: '2022-06-08',
  },
  {
    name: 'monthly, after the grace end (late, after a lapse)',
    cycle: 'monthly',
    end: '2022-06-14',
    due: '2022-06-20',
    newEnd: '2022-07-20',
    convert: true,
    probe: '2022-06-21',
  },
  {
    name: 'annual, before the end (early)',
    cycle: 'annual',
    end: '2023-01-01',
    due: '2022-12-01',
    newEnd: '2024-01-01',
    convert: true,
    probe: '2023-01-02',
    stillOld: '2022-12-31',
  },
  {
    name: 'annual, on the end',
    cycle: 'annual',
    end: '2023-01-01',
    due: '2023-01-01',
    newEnd: '2024-01-01',
    convert: true,
    probe: '2023-01-02',
  },
  {
    name: 'annual, after the end (late, after a lapse)',
    cycle: 'annual',
    end: '2023-01-01',
    due: '2023-02-01',
    newEnd: '2024-02-01',
    convert: true,
    probe: '2023-02-02',
  },
  {
    name: 'multi-year, at the end',
    cycle: 'multi-year',
    end: '2024-01-01',
    due: '2024-01-01',
    newEnd: '2027-01-01',
    convert: true,
    probe: '2024-01-02',
  },
] as const;

const T = (day: string): string => `${day}T00:00:00.000Z`;

describe.each(DB_KINDS)('R28–R30 renewal calendar through the scheduler (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const runAtDue = async (subscriptionId: string, row: (typeof ROWS)[number]) => {
    const scheduled = await scheduleRenewal(server.ctx.db, {
      subscriptionId,
      endsAt: new Date(T(row.newEnd)),
      quantity: null,
      dueAt: new Date(T(row.due)),
      source: 'billing',
    });
    if (!scheduled.ok) throw new Error(scheduled.error.message);
    const preview = await renewalOrderView(server.ctx.db, server.ctx.catalog, scheduled.value.order);
    const early = await applyDueRenewals(server.ctx.db, server.ctx.catalog, Date.parse(T(row.due)) - 1);
    expect(early.map((r) => r.orderId)).not.toContain(scheduled.value.order.id);
    const runs = await applyDueRenewals(server.ctx.db, server.ctx.catalog, Date.parse(T(row.due)));
    expect(runs.map((r) => [r.orderId, r.status])).toEqual([[scheduled.value.order.id, 'applied']]);
    expect(await applyDueRenewals(server.ctx.db, server.ctx.catalog, Date.parse(T(row.probe)))).toEqual([]);
    const applied = await findRenewalOrder(server.ctx.db, scheduled.value.order.id);
    const view = await renewalOrderView(server.ctx.db, server.ctx.catalog, applied!);
    expect(view.status).toBe('applied');
    expect(view.plan).toEqual(preview.plan);
    return view.plan!;
  };

  for (const row of ROWS) {
    it(`R28 R30 KSE floating with an offline holder, ${row.name}`, async () => {
      const org = await legacyOrg(server.ctx, 'kse', row.cycle, T(row.end));
      const plan = await runAtDue(org.subscriptionId, row);
      expect(plan.convert).toBe(row.convert);
      const lines = await linesAt(server.ctx, org.orgId, T(row.probe));
      if (!row.convert) {
        expect(lines.map((l) => [l.license_kind, l.quota])).toEqual([['floating', 3]]);
        expect(plan.lines.map((l) => l.rule)).toEqual(['R30']);
        return;
      }
      expect(lines.map((l) => [l.license_kind, l.quota])).toEqual([['per-user', 3]]);
      expect(plan.lines.map((l) => [l.licenseKind, l.rule, l.startsAt])).toEqual([
        ['per-user', 'R28', T(row.due > row.end ? row.due : row.end)],
      ]);
      const expected = org.ranked.slice(0, 3).map((u) => u.userId);
      expect(plan.grants.map((g) => g.userId)).toEqual(expected);
      expect(plan.grants[0]?.reason).toMatch(/offline floating/);
      expect(plan.grants[1]?.reason).toMatch(/Last seen active .*#1/);
      expect(await perUserHoldersAt(server.ctx, org.orgId, T(row.probe))).toEqual([...expected].sort());
      if ('stillOld' in row) {
        const old = await linesAt(server.ctx, org.orgId, T(row.stillOld));
        expect(old.map((l) => [l.license_kind, l.quota])).toEqual([['floating', 3]]);
      }
    });

    it(`R29 R30 KRE node-locked + floating, ${row.name}`, async () => {
      const org = await legacyOrg(server.ctx, 'kre', row.cycle, T(row.end));
      const plan = await runAtDue(org.subscriptionId, row);
      expect(plan.convert).toBe(row.convert);
      const lines = await linesAt(server.ctx, org.orgId, T(row.probe));
      if (!row.convert) {
        expect(lines.map((l) => [l.license_kind, l.quota])).toEqual([
          ['floating', 3],
          ['node-locked', 2],
        ]);
        expect(plan.lines.map((l) => [l.licenseKind, l.rule]).sort()).toEqual([
          ['floating', null],
          ['node-locked', 'R30'],
        ]);
        return;
      }
      expect(lines.map((l) => [l.license_kind, l.quota])).toEqual([['floating', 5]]);
      expect(plan.lines.map((l) => [l.licenseKind, l.count, l.rule])).toEqual([['floating', 5, 'R29']]);
      expect(plan.grants).toEqual([]);
      if ('stillOld' in row) {
        const old = await linesAt(server.ctx, org.orgId, T(row.stillOld));
        expect(old.map((l) => [l.license_kind, l.quota])).toEqual([
          ['floating', 3],
          ['node-locked', 2],
        ]);
      }
    });
  }
});
