import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { applyDueRenewals } from '../../../src-server/jobs/renewal-scheduler';
import { scheduleRenewal } from '../../../src-server/services/renewals/renewal-orders';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { legacyOrg, linesAt, perUserHoldersAt } from './legacy-org';

const T = (day: string): string => `${day}T00:00:00.000Z`;

// Seed 004's worked examples, each run by the scheduler at its due instant.
describe.each(DB_KINDS)('seed 004 worked examples through the scheduler (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const order = async (
    subscriptionId: string,
    due: string,
    newEnd: string,
    quantity: number | null = null,
  ) => {
    const r = await scheduleRenewal(server.ctx.db, {
      subscriptionId,
      endsAt: new Date(T(newEnd)),
      quantity,
      dueAt: new Date(T(due)),
      source: 'billing',
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.order.id;
  };
  const tick = (day: string) => applyDueRenewals(server.ctx.db, server.ctx.catalog, Date.parse(T(day)));
  const kinds = async (orgId: string, day: string) =>
    (await linesAt(server.ctx, orgId, T(day))).map((l) => [l.license_kind, l.quota]);

  it('R28 case 1: 1 offline floating + 3 floating, 5 users → 3 per-User: the offline holder and the 2 last active', async () => {
    const org = await legacyOrg(server.ctx, 'kse', 'monthly', T('2022-07-01'));
    const id = await order(org.subscriptionId, '2022-07-01', '2022-08-01');
    const runs = await tick('2022-07-01');
    expect(runs.find((r) => r.orderId === id)?.status).toBe('applied');
    expect(await kinds(org.orgId, '2022-07-02')).toEqual([['per-user', 3]]);
    expect(await perUserHoldersAt(server.ctx, org.orgId, T('2022-07-02'))).toEqual(
      org.ranked
        .slice(0, 3)
        .map((u) => u.userId)
        .sort(),
    );
  });

  it('R29 R30 monthly KRE node-locked renewing on the 14th: stays node-locked, an extra one bought before June 7, both floating on June 14', async () => {
    const org = await seedOrg(server.ctx, 'Seed 004 KRE monthly');
    const sub = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kre',
      kind: 'node-locked',
      quota: 1,
      billingCycle: 'monthly',
      endsAt: new Date(T('2022-04-14')),
    });
    await order(sub, '2022-04-14', '2022-05-14');
    await order(sub, '2022-05-14', '2022-06-14', 2);
    await order(sub, '2022-06-14', '2022-07-14');
    await tick('2022-04-14');
    expect(await kinds(org.orgId, '2022-04-20')).toEqual([['node-locked', 1]]);
    await tick('2022-05-14');
    expect(await kinds(org.orgId, '2022-05-20')).toEqual([['node-locked', 2]]);
    await tick('2022-06-13');
    expect(await kinds(org.orgId, '2022-06-13')).toEqual([['node-locked', 2]]);
    await tick('2022-06-14');
    expect(await kinds(org.orgId, '2022-06-15')).toEqual([['floating', 2]]);
  });

  it('R29 KRE case 2: 2 node-locked + 3 floating renewed after June 7 → 5 floating from June 8', async () => {
    const org = await legacyOrg(server.ctx, 'kre', 'monthly', T('2022-06-08'));
    await order(org.subscriptionId, '2022-06-08', '2022-07-08');
    await tick('2022-06-08');
    expect(await kinds(org.orgId, '2022-06-08')).toEqual([['floating', 5]]);
  });

  it('R30 an annual contract keeps deprecated types until it ends; from its end only the new types', async () => {
    const org = await legacyOrg(server.ctx, 'kse', 'annual', T('2023-03-01'));
    await order(org.subscriptionId, '2023-03-01', '2024-03-01');
    await tick('2023-02-28');
    expect(await kinds(org.orgId, '2023-02-28')).toEqual([['floating', 3]]);
    await tick('2023-03-01');
    expect(await kinds(org.orgId, '2023-03-01')).toEqual([['per-user', 3]]);
  });
});
