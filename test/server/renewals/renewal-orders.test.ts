import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { RenewalOrderList, RenewalOrderView } from '../../../shared/contracts/http/renewals';
import { createBillingToken } from '../../../src-server/auth/billing-tokens';
import { applyDueRenewals } from '../../../src-server/jobs/renewal-scheduler';
import { renewSubscription } from '../../../src-server/services/renewal-service';
import { renewalOrderView } from '../../../src-server/services/renewals/order-view';
import { scheduleRenewal } from '../../../src-server/services/renewals/renewal-orders';
import { seedOrg, seedSubscription } from '../../support/seed';
import { DB_KINDS, startTestServer, type TestServer } from '../../support/test-server';
import { call, refusal } from '../helpers';
import { legacyOrg, linesAt, perUserHoldersAt } from './legacy-org';

const T = (day: string): string => `${day}T00:00:00.000Z`;

describe.each(DB_KINDS)('renewal orders: once per term, quantities, refusals, billing (%s)', (db) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ db, postgresUrl: inject('postgresUrl') });
  });
  afterAll(() => server.close());

  const schedule = async (
    subscriptionId: string,
    due: string,
    end: string,
    quantity: number | null = null,
  ) => {
    const r = await scheduleRenewal(server.ctx.db, {
      subscriptionId,
      endsAt: new Date(T(end)),
      quantity,
      dueAt: new Date(T(due)),
      source: 'operator',
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.order;
  };
  const tick = (day: string) => applyDueRenewals(server.ctx.db, server.ctx.catalog, Date.parse(T(day)));

  it('R28 a retry of an applied renewal changes nothing and returns the stored plan', async () => {
    const org = await legacyOrg(server.ctx, 'kse', 'annual', T('2023-01-01'));
    const ask = {
      subscriptionId: org.subscriptionId,
      endsAt: new Date(T('2024-01-01')),
      trigger: 'renewal' as const,
      at: Date.parse(T('2023-01-01')),
    };
    const first = await renewSubscription(server.ctx.db, server.ctx.catalog, ask);
    const again = await renewSubscription(server.ctx.db, server.ctx.catalog, {
      ...ask,
      at: ask.at + 3_600_000,
    });
    if (!first.ok || !again.ok) throw new Error('renewal refused');
    expect(first.value.alreadyApplied).toBe(false);
    expect(again.value.alreadyApplied).toBe(true);
    expect(again.value.plan).toEqual(first.value.plan);
    expect(again.value.subscriptionIds).toEqual(first.value.subscriptionIds);
    const lines = await server.ctx.db
      .selectFrom('subscriptions')
      .select('id')
      .where('org_id', '=', org.orgId)
      .execute();
    expect(lines).toHaveLength(2);
    const events = await server.ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('org_id', '=', org.orgId)
      .where('action', '=', 'subscription.migrated')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]?.details).toMatchObject({ plan: { convert: true, lines: [{ rule: 'R28' }] } });
  });

  it('R28 a lower quantity at conversion: the preview names who receives the fewer per-User licenses, apply gives exactly those', async () => {
    const org = await legacyOrg(server.ctx, 'kse', 'annual', T('2023-01-01'));
    const o = await schedule(org.subscriptionId, '2023-01-01', '2024-01-01', 2);
    const preview = await renewalOrderView(server.ctx.db, server.ctx.catalog, o);
    expect(preview.planIsPreview).toBe(true);
    expect(preview.plan?.grants.map((g) => g.userId)).toEqual(org.ranked.slice(0, 2).map((u) => u.userId));
    await tick('2023-01-01');
    expect(
      (await linesAt(server.ctx, org.orgId, T('2023-02-01'))).map((l) => [l.license_kind, l.quota]),
    ).toEqual([['per-user', 2]]);
    expect(await perUserHoldersAt(server.ctx, org.orgId, T('2023-02-01'))).toEqual(
      org.ranked
        .slice(0, 2)
        .map((u) => u.userId)
        .sort(),
    );
  });

  it('R28 lowering per-User licenses at the next renewal keeps them by R28 priority and names who loses theirs; raising leaves the rest unassigned', async () => {
    const org = await legacyOrg(server.ctx, 'kse', 'annual', T('2023-01-01'));
    await schedule(org.subscriptionId, '2023-01-01', '2024-01-01');
    await tick('2023-01-01');
    const lower = await schedule(org.subscriptionId, '2024-01-01', '2025-01-01', 1);
    const preview = await renewalOrderView(server.ctx.db, server.ctx.catalog, lower);
    expect(preview.plan?.grants.map((g) => g.userId)).toEqual([org.ranked[0]?.userId]);
    expect(preview.plan?.released.map((r) => r.userId)).toEqual(org.ranked.slice(1, 3).map((u) => u.userId));
    expect(preview.plan?.released[0]?.reason).toMatch(/rank #2 by R28 priority/);
    await tick('2024-01-01');
    expect(await perUserHoldersAt(server.ctx, org.orgId, T('2024-02-01'))).toEqual([org.ranked[0]?.userId]);
    const raise = await schedule(org.subscriptionId, '2025-01-01', '2026-01-01', 4);
    const raised = await renewalOrderView(server.ctx.db, server.ctx.catalog, raise);
    expect(raised.plan?.unassigned).toBe(3);
    await tick('2025-01-01');
    expect(
      (await linesAt(server.ctx, org.orgId, T('2025-02-01'))).map((l) => [l.license_kind, l.quota]),
    ).toEqual([['per-user', 4]]);
  });

  it('R27 an order whose new per-User term would coexist with another floating line fails with a code and a sentence and stays visible', async () => {
    const org = await seedOrg(server.ctx, 'R27');
    const a = await seedSubscription(server.ctx, org.orgId, {
      productId: 'kse',
      kind: 'floating',
      quota: 2,
      billingCycle: 'annual',
      endsAt: new Date(T('2023-01-01')),
    });
    await seedSubscription(server.ctx, org.orgId, {
      productId: 'kse',
      kind: 'floating',
      quota: 1,
      billingCycle: 'annual',
      endsAt: new Date(T('2025-01-01')),
    });
    const o = await schedule(a, '2023-01-01', '2024-01-01');
    const runs = await tick('2023-01-01');
    expect(runs.find((r) => r.orderId === o.id)).toMatchObject({ status: 'failed', code: 'MODEL_CONFLICT' });
    const res = await call(server.app, 'GET', `/v1/orgs/${org.orgId}/renewals`, { key: org.admin.apiKey });
    const [listed] = RenewalOrderList.parse(res.body).orders;
    expect(listed).toMatchObject({ id: o.id, status: 'failed', failure: { code: 'MODEL_CONFLICT' } });
    expect(listed?.failure?.message).toMatch(/cannot coexist/);
    expect(
      (await linesAt(server.ctx, org.orgId, T('2022-12-31'))).map((l) => [l.license_kind, l.quota]).sort(),
    ).toEqual([
      ['floating', 1],
      ['floating', 2],
    ]);
  });

  it('billing schedules with its own token, once per term; a user API key is refused; admins read the plan; billing cancels', async () => {
    const org = await legacyOrg(server.ctx, 'kre', 'monthly', T('2030-06-14'));
    const { token } = await createBillingToken(server.ctx.db, 'billing');
    const body = { subscriptionId: org.subscriptionId, endsAt: T('2030-07-14'), dueAt: T('2030-06-14') };
    const created = await call(server.app, 'POST', '/v1/billing/renewals', { key: token, body });
    expect(created.status).toBe(201);
    const order = RenewalOrderView.parse(created.body);
    expect(order.plan?.lines.map((l) => [l.licenseKind, l.count, l.rule])).toEqual([['floating', 5, 'R29']]);
    const again = await call(server.app, 'POST', '/v1/billing/renewals', { key: token, body });
    expect([again.status, RenewalOrderView.parse(again.body).id]).toEqual([200, order.id]);
    const seeded = await seedOrg(server.ctx, 'Other');
    const userKey = await call(server.app, 'POST', '/v1/billing/renewals', {
      key: seeded.owner.apiKey,
      body,
    });
    expect([userKey.status, refusal(userKey.body).code]).toEqual([401, 'INVALID_BILLING_TOKEN']);
    const member = await call(server.app, 'GET', `/v1/orgs/${seeded.orgId}/renewals`, {
      key: seeded.member.apiKey,
    });
    expect(member.status).toBe(403);
    const cancelled = await call(server.app, 'DELETE', `/v1/billing/renewals/${order.id}`, { key: token });
    expect(RenewalOrderView.parse(cancelled.body).status).toBe('cancelled');
    const openapi = await call(server.app, 'GET', '/openapi.json');
    expect(JSON.stringify(openapi.body)).toContain('Schedule a renewal');
  });
});
